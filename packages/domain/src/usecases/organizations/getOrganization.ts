import { Effect, Option } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import { OrganizationNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { canReadOrganization } from "./access.ts"

/**
 * Reads one organization. Holders of `orgs:manage` read every organization; a member reads their own while
 * their membership is in effect (`org:read` there). The permission is checked before the lookup, so an actor
 * without access learns nothing about which ids exist; an id of another tenant is `OrganizationNotFound`.
 */
export const getOrganization = Effect.fn("getOrganization")(function* (
  actor: Actor,
  organizationId: OrganizationId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      if (!canReadOrganization(context, organizationId)) {
        return yield* new Forbidden({ reason: "Missing permission org:read" })
      }
      const found = yield* (yield* OrganizationRepository).findById(context.tenant.id, organizationId)
      if (Option.isNone(found)) return yield* new OrganizationNotFound({ organizationId })
      return found.value
    })
  )
})
