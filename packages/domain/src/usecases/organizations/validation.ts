import { Effect } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import { type CursorIdKind, type CursorKeyKind, decodeCursor } from "../../model/cursor.ts"
import { DEFAULT_PAGE_LIMIT, PageLimit } from "../../model/page.ts"
import { decodeInput } from "../../validation/decodeInput.ts"

/** A client's page request: the limit (default 50, 1 to 200) and a cursor that must be one of ours. */
export interface PageRequest {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
}

/**
 * Validates a page request; a bad limit or cursor is `InvalidInput` (never a defect in the repository). With
 * `keyKind`, a cursor must also carry a key of that kind (the list's sort key); its id must be a UUID unless
 * `idKind` is `text`.
 */
export const pageRequest = Effect.fnUntraced(function* (
  request: PageRequest,
  keyKind?: CursorKeyKind,
  idKind?: CursorIdKind
) {
  const limit = yield* decodeInput(PageLimit, request.limit ?? DEFAULT_PAGE_LIMIT).pipe(
    Effect.mapError(
      () =>
        new InvalidInput({ errors: [{ path: "limit", message: "Expected an integer between 1 and 200" }] })
    )
  )
  if (request.cursor !== undefined) yield* decodeCursor(request.cursor, keyKind, idKind)
  return request.cursor === undefined ? { limit } : { limit, cursor: request.cursor }
})
