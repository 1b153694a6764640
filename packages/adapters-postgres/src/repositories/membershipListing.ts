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
import { MEMBERSHIP_COLUMNS, type MembershipRow, toMembership } from "./rows.ts"

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
  if (query.organizationId !== undefined) filters.push(`m.organization_id = ${param(query.organizationId)}`)
  if (query.userId !== undefined) filters.push(`m.user_id = ${param(query.userId)}`)
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
 * The page's two parts in the order `expires_at NULLS LAST, organization_id, user_id`: the dated rows, then the
 * undated ones, each strictly past the cursor (undefined: the part holds none). Each part is one range of the
 * index of migration 0017 (a row comparison for the dated part, `expires_at IS NULL` and the ids for the other),
 * so a page deep in the list starts at the cursor instead of filtering its way there (one OR of the two would).
 */
const partsSql = (
  query: MembershipListQuery,
  param: (value: unknown) => string
): { readonly dated: string | undefined; readonly undated: string | undefined } => {
  // an expiry bound leaves out every membership without an expiry
  const undatedListed = query.expiresAfter === undefined && query.expiresBefore === undefined
  const position = positionOf(query.cursor)
  if (position === undefined)
    return { dated: "m.expires_at IS NOT NULL", undated: undatedListed ? "m.expires_at IS NULL" : undefined }
  const ids = parseMembershipCursorId(position.id)
  if (ids === undefined || (position.key !== null && typeof position.key !== "number"))
    throw new Error("Invalid cursor reached the repository")
  // Every value is bound only where the SQL uses it: a parameter without its placeholder fails the statement.
  const organization = `${param(ids.organizationId)}::uuid`
  const user = `${param(ids.userId)}::uuid`
  if (position.key === null)
    return {
      dated: undefined,
      undated: undatedListed
        ? `m.expires_at IS NULL AND (m.organization_id, m.user_id) > (${organization}, ${user})`
        : undefined
    }
  const at = `${param(new Date(position.key).toISOString())}::timestamptz`
  return {
    dated: `(m.expires_at, m.organization_id, m.user_id) > (${at}, ${organization}, ${user})`,
    undated: undatedListed ? "m.expires_at IS NULL" : undefined
  }
}

const ORDER = "m.expires_at, m.organization_id, m.user_id"
const USERS_JOIN = "JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id"

const COLUMNS = MEMBERSHIP_COLUMNS.split(", ")
  .map((column) => `m.${column}`)
  .join(", ")
const USER_COLUMNS = "u.first_name, u.last_name, u.display_name, u.email"
const ORGANIZATION_COLUMNS =
  "o.name AS organization_name, o.slug AS organization_slug, o.status AS organization_status"
const ORGANIZATIONS_JOIN = "JOIN organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id"

interface PageInput {
  readonly where: string
  readonly parts: ReturnType<typeof partsSql>
  readonly params: ReadonlyArray<unknown>
  readonly limit: number
}

/** Without a search: the total, then the page as its two index ranges (see `partsSql`). */
const listedPage = (
  db: typeof Database.Service,
  tenantId: string,
  { where, parts, params, filterParams, limit }: PageInput & { readonly filterParams: ReadonlyArray<unknown> }
) =>
  Effect.gen(function* () {
    const totalRows = yield* db.query<{ count: number }>(
      tenantId,
      `SELECT count(*)::int AS count FROM memberships m WHERE ${where}`,
      filterParams
    )
    const part = (condition: string) => `(SELECT ${COLUMNS}, ${USER_COLUMNS}, ${ORGANIZATION_COLUMNS}
       FROM memberships m ${USERS_JOIN} ${ORGANIZATIONS_JOIN}
       WHERE ${where} AND ${condition}
       ORDER BY ${ORDER}
       LIMIT ${limit + 1})`
    const selected = [parts.dated, parts.undated].flatMap((condition) =>
      condition === undefined ? [] : [part(condition)]
    )
    const rows =
      selected.length === 0
        ? []
        : yield* db.query<ListingRow>(
            tenantId,
            selected.length === 1
              ? selected[0]!
              : `SELECT * FROM (${selected.join(" UNION ALL ")}) AS page
                 ORDER BY expires_at, organization_id, user_id LIMIT ${limit + 1}`,
            params
          )
    return { rows, total: totalRows[0]?.count ?? 0 }
  })

/**
 * With a search: the memberships of the matching users are found once (the search function's ids, re-checked on
 * `users`, then their memberships one user at a time), and the total and the page both read that set in one
 * statement; the two index ranges of `listedPage` would each repeat the search, and the total a third time.
 */
const searchedPage = (
  db: typeof Database.Service,
  tenantId: string,
  { where, parts, params, limit }: PageInput
) =>
  Effect.gen(function* () {
    const conditions = [parts.dated, parts.undated].flatMap((c) => (c === undefined ? [] : [`(${c})`]))
    const rows = yield* db.query<ListingRow & { readonly total: number }>(
      tenantId,
      `WITH matched AS MATERIALIZED (
         SELECT ${COLUMNS}, ${USER_COLUMNS} FROM memberships m ${USERS_JOIN} WHERE ${where}
       )
       SELECT t.total, p.* FROM (SELECT count(*)::int AS total FROM matched) AS t
       LEFT JOIN LATERAL (
         SELECT m.*, ${ORGANIZATION_COLUMNS} FROM matched m ${ORGANIZATIONS_JOIN}
         WHERE ${conditions.length === 0 ? "false" : conditions.join(" OR ")}
         ORDER BY ${ORDER} LIMIT ${limit + 1}
       ) AS p ON true
       ORDER BY p.expires_at, p.organization_id, p.user_id`,
      params
    )
    return {
      // the one row of an empty page carries the total and no membership
      rows: rows.filter((row) => row.organization_id !== null),
      total: rows[0]?.total ?? 0
    }
  })

/** `MembershipRepository.listAcrossOrganizations` on PostgreSQL: one page and the total of the filter. */
export const listAcrossOrganizations = (
  db: typeof Database.Service,
  tenantId: string,
  query: MembershipListQuery
): Effect.Effect<Page<MembershipListing>> =>
  Effect.gen(function* () {
    const { where, params, param, searched } = filterSql(tenantId, query)
    const filterParams = [...params]
    const parts = partsSql(query, param)
    const limit = pageLimit(query.limit)
    const { rows, total } = searched
      ? yield* searchedPage(db, tenantId, { where, parts, params, limit })
      : yield* listedPage(db, tenantId, { where, parts, params, filterParams, limit })
    const page = pageOf(rows, {
      limit,
      total,
      toItem: toListing,
      keyOf: (item) => membershipExpiryKey(item.membership)
    })
    return { ...page, items: page.items.map(({ id: _id, ...listing }) => listing) }
  })
