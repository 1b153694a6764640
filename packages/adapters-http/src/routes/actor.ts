/** A catalogue returned whole, in the shape of every list: `{ items, total, nextCursor: null }`. */
export const wholeList = <A>(items: ReadonlyArray<A>) => ({ items, total: items.length, nextCursor: null })
