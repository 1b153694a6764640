import { type CursorPosition, encodeCursor, type Page, parseCursor } from "@gatehouse/domain"

// The pieces every keyset-paginated list shares: numbered parameters, the cursor's position, the "strictly
// past the cursor" predicate, and the page built from `limit + 1` fetched rows.

/** A statement's parameters: `param` binds a value and returns its placeholder (`$n`). */
export const sqlParams = (
  ...first: ReadonlyArray<unknown>
): { readonly params: Array<unknown>; readonly param: (value: unknown) => string } => {
  const params = [...first]
  const param = (value: unknown): string => {
    params.push(value)
    return `$${params.length}`
  }
  return { params, param }
}

/** `%needle%` for LIKE, with the needle's own wildcards taken literally. */
export const containsPattern = (needle: string): string => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Decodes a cursor the use case has already validated; a bad one here is a bug (a defect), not a client mistake. */
export const positionOf = (cursor: string | undefined): CursorPosition | undefined => {
  if (cursor === undefined) return undefined
  const position = parseCursor(cursor)
  if (position === undefined) throw new Error("Invalid cursor reached the repository")
  return position
}

/**
 * A cursor's id bound as SQL: a uuid (the use case decoded the cursor, its id included), compared as uuid (the
 * index order, which is the domain's string order for lower-case uuids).
 */
export interface CursorId {
  readonly column: string
  readonly value: string
}

export const cursorId = (column: string, id: string, param: (value: unknown) => string): CursorId => ({
  column,
  value: `${param(id.toLowerCase())}::uuid`
})

/** The id column strictly past the cursor's id (`>` ascending, `<` descending). */
export const idPast = (id: CursorId, op: ">" | "<"): string => `${id.column} ${op} ${id.value}`

/**
 * The rows strictly past `(key, id)` in the order `column, id` (`>` ascending, `<` descending): a row
 * comparison, so the index range-scans straight to the cursor.
 */
export const keysetPast = (column: string, key: string, id: CursorId, op: ">" | "<"): string =>
  `(${column}, ${id.column}) ${op} (${key}, ${id.value})`

/** The page size asked for, as a whole number usable in `LIMIT` (the query fetches one row more). */
export const pageLimit = (limit: number): number => Math.max(0, Math.floor(limit))

/** A page of up to `limit + 1` fetched rows: the extra row only says that there is a next page. */
export const pageOf = <Row, A extends { readonly id: string }>(
  rows: ReadonlyArray<Row>,
  options: {
    readonly limit: number
    readonly total: number
    readonly toItem: (row: Row) => A
    readonly keyOf: (item: A) => CursorPosition["key"]
  }
): Page<A> => {
  const items = rows.slice(0, options.limit).map(options.toItem)
  const last = items.at(-1)
  return {
    items,
    total: options.total,
    nextCursor:
      rows.length > options.limit && last !== undefined
        ? encodeCursor({ key: options.keyOf(last), id: last.id })
        : null
  }
}
