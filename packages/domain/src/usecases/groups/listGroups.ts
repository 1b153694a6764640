import { Effect, Option } from "effect"
import { GroupNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { GroupId } from "../../model/ids.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { authenticateCatalogueReader } from "../shared/catalogueRead.ts"
import { transactional } from "../shared/transaction.ts"

/** The tenant's groups by name. Needs `groups:manage` or `users:read`. */
export const listGroups = Effect.fn("listGroups")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticateCatalogueReader(actor)
      return yield* (yield* GroupRepository).list(context.tenant.id)
    })
  )
})

/** One group of the tenant (another tenant's id is `GroupNotFound`). Needs `groups:manage` or `users:read`. */
export const getGroup = Effect.fn("getGroup")(function* (actor: Actor, groupId: GroupId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticateCatalogueReader(actor)
      const found = yield* (yield* GroupRepository).findById(context.tenant.id, groupId)
      return Option.isSome(found) ? found.value : yield* new GroupNotFound({ groupId })
    })
  )
})
