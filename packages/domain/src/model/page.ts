import { Schema } from "effect"

/** One page of a keyset-paginated list. `total` counts every row matching the filter, not just this page. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly total: number
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null
}

export const PageLimit = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 200 }))
export const DEFAULT_PAGE_LIMIT = 50
