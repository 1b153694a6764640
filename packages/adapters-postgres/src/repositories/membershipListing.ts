import {
  type MembershipListing,
  type MembershipListQuery,
  membershipCursorId,
  membershipExpiryKey,
  type Page,
  parseMembershipCursorId
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { Database } from "../Database.ts"
import { containsPattern, pageLimit, pageOf, positionOf, sqlParams } from "./listing.ts"
import { isUuid, MEMBERSHIP_COLUMNS, type MembershipRow, toMembership } from "./rows.ts"

interface ListingRow extends MembershipRow {
  readonly first_name: string
  readonly last_name: string
  readonly display_name: string | null
  readonly email: string
  readonly organization_name: string
  readonly organization_slug: string
  readonly organization_status: "active" | "inactive"
}

const toListing = (row: ListingRow): MembershipListing & { readonly id: string } => {
  const membership = toMembership(row)
  return {
    id: membershipCursorId(membership),
    membership,
    user: {
      id: membership.userId,
      firstName: row.first_name,
      lastName: row.last_name,
      displayName: row.display_name,
      email: row.email
    } as MembershipListing["user"],
    organization: {
      id: membership.organizationId,
      name: row.organization_name,
      slug: row.organization_slug,
      status: row.organization_status
    } as MembershipListing["organization"]
  }
}

/**
 * The filter of `listAcrossOrganizations` as SQL, mirroring the domain's `matchesMembershipQuery`
 * (rules/membershipOrdering.ts): `m` is memberships, `u` the user (joined only when `q` searches).
 */
const filterSql = (tenantId: string, query: MembershipListQuery) => {
  const { params, param } = sqlParams(tenantId)
  const filters = ["m.tenant_id = $1"]
  if (query.organizationId !== undefined)
    filters.push(
      isUuid(query.organizationId) ? `m.organization_id = ${param(query.organizationId)}` : "false"
    )
  if (query.userId !== undefined)
    filters.push(isUuid(query.userId) ? `m.user_id = ${param(query.userId)}` : "false")
  if (query.role !== undefined) filters.push(`m.role = ${param(query.role)}`)
  if (query.expiresAfter !== undefined) filters.push(`m.expires_at > ${param(query.expiresAfter)}`)
  if (query.expiresBefore !== undefined) filters.push(`m.expires_at < ${param(query.expiresBefore)}`)
  const needle = query.q?.trim().toLowerCase() ?? ""
  if (needle !== "") {
    // The candidates come from the users' trigram indexes through the search function (no index serves LIKE
    // under the policy); the predicate is checked again here, under the policy, as the user list does.
    const pattern = param(containsPattern(needle))
    filters.push(
      `m.user_id IN (SELECT gatehouse_search_user_ids(${pattern}))`,
      `(u.name_key LIKE ${pattern} OR u.display_key LIKE ${pattern} OR u.email LIKE ${pattern})`
    )
  }
  return { where: filters.join(" AND "), params, param, searched: needle !== "" }
}

/**
 * The rows strictly after a cursor in the order `expires_at NULLS LAST, organization_id, user_id`. A row
 * comparison lets the index (migration 0017) range-scan to the cursor; rows without an expiry come after
 * every dated one.
 */
const afterSql = (cursor: string | undefined, param: (value: unknown) => string): string | undefined => {
  const position = positionOf(cursor)
  if (position === undefined) return undefined
  const ids = parseMembershipCursorId(position.id)
  if (ids === undefined || (position.key !== null && typeof position.key !== "number"))
    throw new Error("Invalid cursor reached the repository")
  // Every value is bound only where the SQL uses it: a parameter without its placeholder fails the statement.
  const organization = `${param(ids.organizationId)}::uuid`
  const user = `${param(ids.userId)}::uuid`
  if (position.key === null)
    return `(m.expires_at IS NULL AND (m.organization_id, m.user_id) > (${organization}, ${user}))`
  const at = `${param(new Date(position.key).toISOString())}::timestamptz`
  return `((m.expires_at, m.organization_id, m.user_id) > (${at}, ${organization}, ${user}) OR m.expires_at IS NULL)`
}

const ORDER = "m.expires_at, m.organization_id, m.user_id"

/** `MembershipRepository.listAcrossOrganizations` on PostgreSQL: one page and the total of the filter. */
export const listAcrossOrganizations = (
  db: typeof Database.Service,
  tenantId: string,
  query: MembershipListQuery
): Effect.Effect<Page<MembershipListing>> =>
  Effect.gen(function* () {
    if (!isUuid(tenantId)) return { items: [], total: 0, nextCursor: null }
    const { where, params, param, searched } = filterSql(tenantId, query)
    const filterParams = [...params]
    const usersJoin = "JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id"
    const totalRows = yield* db.query<{ count: number }>(
      tenantId,
      `SELECT count(*)::int AS count FROM memberships m ${searched ? usersJoin : ""} WHERE ${where}`,
      filterParams
    )
    const after = afterSql(query.cursor, param)
    const limit = pageLimit(query.limit)
    const rows = yield* db.query<ListingRow>(
      tenantId,
      `SELECT ${MEMBERSHIP_COLUMNS.split(", ")
        .map((column) => `m.${column}`)
        .join(", ")},
              u.first_name, u.last_name, u.display_name, u.email,
              o.name AS organization_name, o.slug AS organization_slug, o.status AS organization_status
       FROM memberships m
       ${usersJoin}
       JOIN organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id
       WHERE ${after === undefined ? where : `${where} AND ${after}`}
       ORDER BY ${ORDER}
       LIMIT ${limit + 1}`,
      params
    )
    const page = pageOf(rows, {
      limit,
      total: totalRows[0]?.count ?? 0,
      toItem: toListing,
      keyOf: (item) => membershipExpiryKey(item.membership)
    })
    return { ...page, items: page.items.map(({ id: _id, ...listing }) => listing) }
  })
