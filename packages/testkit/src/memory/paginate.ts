import { type CursorPosition, encodeCursor, type Page, parseCursor } from "@gatehouse/domain"

/**
 * Keyset pagination over rows already filtered and sorted: skip rows up to the cursor, take `limit`, and
 * point the next cursor at the last row taken.
 */
export const paginate = <A extends { readonly id: string }>(
  sorted: ReadonlyArray<A>,
  options: {
    readonly limit: number
    readonly after: CursorPosition | undefined
    readonly isAfter: (row: A, position: CursorPosition) => boolean
    readonly keyOf: (row: A) => string | number | null
  }
): Page<A> => {
  const { after } = options
  const rest = after === undefined ? sorted : sorted.filter((row) => options.isAfter(row, after))
  const items = rest.slice(0, options.limit)
  const last = items.at(-1)
  return {
    items,
    total: sorted.length,
    nextCursor:
      rest.length > options.limit && last !== undefined
        ? encodeCursor({ key: options.keyOf(last), id: last.id })
        : null
  }
}

/** Decodes a cursor the use case has already validated; a bad one here is a bug, not a client mistake. */
export const positionOf = (cursor: string | undefined): CursorPosition | undefined => {
  if (cursor === undefined) return undefined
  const position = parseCursor(cursor)
  if (position === undefined) throw new Error("Invalid cursor reached the repository")
  return position
}
