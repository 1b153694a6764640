import { Effect, Schema } from "effect"
import type { Forbidden } from "../../errors/authorization.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { CursorText, decodeCursor } from "../../model/cursor.ts"
import { DepartmentId, GroupId } from "../../model/ids.ts"
import { DEFAULT_PAGE_LIMIT, type Page, PageLimit } from "../../model/page.ts"
import { RoleName } from "../../model/role.ts"
import { SearchText } from "../../model/text.ts"
import { UserKind, UserStatus } from "../../model/user.ts"
import { UserRepository, type UserSort } from "../../ports/UserRepository.ts"
import { holds } from "../../rules/permissions.ts"
import { cursorKeyKind } from "../../rules/userOrdering.ts"
import { inputDecoder } from "../../validation/decodeInput.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import type { ReadServices } from "./guards.ts"
import { toUserView, type UserView } from "./userView.ts"

const sorts = ["name", "email", "created", "lastLogin"] as const satisfies ReadonlyArray<UserSort>

/** A user list's order: "First Last" (the default), email, creation, or last login (newest first). */
export const UserSortKey = Schema.Literals(sorts)

/** `GET /v1/users`: filters, sort and keyset pagination. Every key is optional. */
export const ListUsersQuery = Schema.Struct({
  /** Case-insensitive substring of the name, display name or email. */
  q: Schema.optionalKey(SearchText),
  status: Schema.optionalKey(UserStatus),
  /** Employees or external users (002's tabs). */
  kind: Schema.optionalKey(UserKind),
  role: Schema.optionalKey(RoleName),
  departmentId: Schema.optionalKey(DepartmentId),
  groupId: Schema.optionalKey(GroupId),
  /** Default `name`. */
  sort: Schema.optionalKey(UserSortKey),
  /** Default 50, at most 200. */
  limit: Schema.optionalKey(PageLimit),
  /** A previous page's `nextCursor`, with the same filters and sort. */
  cursor: Schema.optionalKey(CursorText)
})
export type ListUsersQuery = typeof ListUsersQuery.Type

const decodeQuery = inputDecoder(ListUsersQuery)

/**
 * A page of the tenant's users; needs `users:read`. The query is decoded here too (an embedding caller may
 * pass anything): an out-of-range limit, an unknown status or a cursor that is not ours is `InvalidInput`.
 * `total` counts every user matching the filters. Admin notes only for holders of `users:write`.
 */
export const listUsers = Effect.fn("listUsers")(function* (
  actor: Actor,
  query: ListUsersQuery = {}
): Effect.fn.Return<Page<UserView>, Forbidden | InvalidInput | StoreUnavailable, ReadServices> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "users:read")
      const decoded = yield* decodeQuery(query)
      const sort = decoded.sort ?? "name"
      if (decoded.cursor !== undefined) yield* decodeCursor(decoded.cursor, cursorKeyKind(sort))
      const page = yield* (yield* UserRepository).list(context.tenant.id, {
        ...decoded,
        sort,
        limit: decoded.limit ?? DEFAULT_PAGE_LIMIT
      })
      const includeAdminNotes = holds(context.permissions, "users:write")
      return {
        items: page.items.map((user) => toUserView(user, { includeAdminNotes })),
        total: page.total,
        nextCursor: page.nextCursor
      }
    })
  )
})
