import { Effect, Option } from "effect"
import { OrganizationNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** Deletes an organization and its memberships. Needs `orgs:manage`. */
export const deleteOrganization = Effect.fn("deleteOrganization")(function* (
  actor: Actor,
  organizationId: OrganizationId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "orgs:manage")
      const organizations = yield* OrganizationRepository
      const found = yield* organizations.findById(context.tenant.id, organizationId)
      if (Option.isNone(found)) return yield* new OrganizationNotFound({ organizationId })
      yield* organizations.delete(context.tenant.id, organizationId)
      yield* auditBy(context, {
        action: "organization.deleted",
        targetType: "organization",
        targetId: organizationId,
        details: { name: found.value.name },
        resource: found.value
      })
    })
  )
})
