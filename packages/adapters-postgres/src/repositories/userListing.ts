import type { CursorPosition, UserListQuery, UserSort } from "@gatehouse/domain"
import { containsPattern, cursorId, idPast, keysetPast, positionOf, sqlParams } from "./listing.ts"

/**
 * The SQL of `UserRepository.list`, mirroring the domain's `matches`, `compareUsers` and `isAfter`
 * (rules/userOrdering.ts) exactly: keys are the application-computed `name_key` and the normalised email
 * (both `COLLATE "C"`), creation time, and last login (newest first, never-logged-in last); ties by id.
 */
export interface ListingSql {
  /**
   * The rows filtered, as `u`: the users table, or with a search (`q`) the rows of the trigram search function
   * (migration 0020), which the filters then narrow.
   */
  readonly from: string
  /** Filter only: for the total. */
  readonly where: string
  /** Filter and cursor. */
  readonly pageWhere: string
  /** The cursor condition alone (`true` on a first page). */
  readonly cursor: string
  /** Whether the filter searches (`q`): then the page and the total come from one matched set. */
  readonly searched: boolean
  readonly orderBy: string
  /** The parameters of `pageWhere`. */
  readonly params: ReadonlyArray<unknown>
  /** The parameters of `where` (a prefix of `params`). */
  readonly filterParams: ReadonlyArray<unknown>
  /**
   * The statement counting the filtered set, and its parameters: those of `where` (`filterParams`), a prefix of
   * `params`, so it can also run as a subquery of the page's statement.
   */
  readonly total: { readonly sql: string; readonly params: ReadonlyArray<unknown> }
}

/**
 * The total of a filter on the tenant and at most its status, role and kind comes from the counters the triggers
 * of migrations 0005 and 0018 keep (a few rows read); any other filter counts the matching users.
 */
const totalSql = (
  counted: CountedKeys | undefined,
  from: string,
  where: string,
  filterParams: ReadonlyArray<unknown>
): ListingSql["total"] => {
  if (counted === undefined)
    return { sql: `SELECT count(*)::int AS count FROM ${from} WHERE ${where}`, params: filterParams }
  const keys = (["status", "role", "kind"] as const).flatMap((key) => {
    const placeholder = counted[key]
    return placeholder === undefined ? [] : [` AND ${key} = ${placeholder}`]
  })
  return {
    sql: `SELECT coalesce(sum(count), 0)::int AS count FROM user_counts WHERE tenant_id = $1${keys.join("")}`,
    params: filterParams
  }
}

/** The placeholders the filter bound for the keys the counters answer. */
type CountedKeys = Partial<Record<"status" | "role" | "kind", string>>

const ORDER: Record<UserSort, string> = {
  name: "u.name_key, u.id",
  email: "u.email, u.id",
  created: "u.created_at, u.id",
  lastLogin: "u.last_login_at DESC NULLS LAST, u.id"
}

/** A millisecond key as a timestamptz literal; undefined when it is not one (a cursor of another sort). */
const instant = (key: CursorPosition["key"]): string | undefined => {
  if (typeof key !== "number") return undefined
  const date = new Date(key)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

export const listingSql = (tenantId: string, query: UserListQuery): ListingSql => {
  const { params, param } = sqlParams(tenantId)
  const filters = ["u.tenant_id = $1"]
  // the filters the counters answer (status, role, kind); any other makes the total a count
  const counted: CountedKeys = {}
  for (const key of ["status", "kind", "role"] as const) {
    const value = query[key]
    if (value === undefined) continue
    counted[key] = param(value)
    filters.push(`u.${key} = ${counted[key]}`)
  }
  if (query.departmentId !== undefined) filters.push(`u.department_id = ${param(query.departmentId)}`)
  if (query.groupId !== undefined)
    filters.push(
      `EXISTS (SELECT 1 FROM user_groups ug WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id
             AND ug.group_id = ${param(query.groupId)})`
    )
  if (query.ids !== undefined) filters.push(`u.id = ANY(${param(query.ids)}::uuid[])`)
  const needle = query.q?.trim().toLowerCase() ?? ""
  let from = "users u"
  if (needle !== "") {
    // "first last", display name and email, all lower-cased. The rows come from the search function, which
    // reads them through the trigram indexes (no index serves LIKE under a policy) as the table's owner, the
    // current tenant's only: the listing reads them once, not again by key (issue 17: ~2.1-3.0 ms -> ~1.2-1.4 ms
    // of PostgreSQL CPU for 101 of 1,000,000 users). A function in FROM is called once whatever the planner
    // knows (PGlite has no autovacuum: an `IN (SELECT ...)` of it once ran once per matching row). The tenant
    // and the predicate are checked again here.
    const pattern = param(containsPattern(needle))
    from = `gatehouse_search_users(${pattern}) u`
    filters.push(`(u.name_key LIKE ${pattern} OR u.display_key LIKE ${pattern} OR u.email LIKE ${pattern})`)
  }
  const where = filters.join(" AND ")
  const filterParams = [...params]
  const position = positionOf(query.cursor)
  const cursor = position === undefined ? undefined : after(position, query.sort, param)
  return {
    from,
    where,
    pageWhere: cursor === undefined ? where : `${where} AND ${cursor}`,
    cursor: cursor ?? "true",
    searched: needle !== "",
    orderBy: ORDER[query.sort],
    params,
    filterParams,
    total: totalSql(
      filters.length === 1 + Object.keys(counted).length ? counted : undefined,
      from,
      where,
      filterParams
    )
  }
}

/**
 * A searched page: the search runs once, and the total (`total_count`, on every row) and the page (`columns` of
 * at most `rows` rows) come from its matches; when nothing matches, one row of the total and null columns.
 */
export const searchedStatement = (sql: ListingSql, columns: string, rows: number): string =>
  `WITH u AS MATERIALIZED (SELECT * FROM ${sql.from} WHERE ${sql.where})
   SELECT t.total_count, p.* FROM (SELECT count(*)::int AS total_count FROM u) t
   LEFT JOIN LATERAL (
     SELECT ${columns} FROM u WHERE ${sql.cursor} ORDER BY ${sql.orderBy} LIMIT ${rows}
   ) p ON true`

/** The rows strictly after a cursor position, in the order of `sort`. */
const after = (position: CursorPosition, sort: UserSort, param: (value: unknown) => string): string => {
  // Ids compare as in the domain: string order, which is uuid order for lower-case uuids. The id is bound only
  // where the SQL uses it: a parameter without its placeholder fails the whole statement.
  const id = () => cursorId("u.id", position.id, param)
  const ascending = (column: string, key: string) => keysetPast(column, key, id(), ">")
  switch (sort) {
    case "name":
      return ascending("u.name_key", param(String(position.key)))
    case "email":
      return ascending("u.email", param(String(position.key)))
    case "created": {
      const at = instant(position.key)
      return at === undefined ? "false" : ascending("u.created_at", `${param(at)}::timestamptz`)
    }
    case "lastLogin": {
      if (position.key === null) return `(u.last_login_at IS NULL AND ${idPast(id(), ">")})`
      const at = instant(position.key)
      if (at === undefined) return "false"
      const key = `${param(at)}::timestamptz`
      return `(u.last_login_at < ${key} OR u.last_login_at IS NULL OR (u.last_login_at = ${key} AND ${idPast(id(), ">")}))`
    }
  }
}
