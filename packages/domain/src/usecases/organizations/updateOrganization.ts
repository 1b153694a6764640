import { Effect, Option, Schema } from "effect"
import { VersionConflict } from "../../errors/conflicts.ts"
import { OrganizationNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { OrganizationName } from "../../model/organization.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { OrganizationCodes } from "./createOrganization.ts"

export const UpdateOrganizationInput = Schema.Struct({
  name: Schema.optionalKey(OrganizationName),
  ...OrganizationCodes
})
export type UpdateOrganizationInput = typeof UpdateOrganizationInput.Type

/**
 * Changes an organization's name or codes. Needs `orgs:manage`. With `expectedVersion` (the HTTP `If-Match`)
 * the change applies only to that version, else `VersionConflict`; the store re-checks the version it read.
 */
export const updateOrganization = Effect.fn("updateOrganization")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  patch: UpdateOrganizationInput,
  options: { readonly expectedVersion?: number | undefined } = {}
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "orgs:manage")
      const data = yield* decodeInput(UpdateOrganizationInput, patch)
      const organizations = yield* OrganizationRepository
      const found = yield* organizations.findById(context.tenant.id, organizationId)
      if (Option.isNone(found)) return yield* new OrganizationNotFound({ organizationId })
      const current = found.value
      const expected = options.expectedVersion ?? current.version
      if (expected !== current.version) {
        return yield* new VersionConflict({ expected, actual: current.version })
      }
      const updated = yield* organizations.update(
        { ...current, ...data, updatedAt: context.now },
        current.version
      )
      yield* auditBy(context, {
        action: "organization.updated",
        targetType: "organization",
        targetId: updated.id,
        details: { changes: { ...data }, version: updated.version }
      })
      return updated
    })
  )
})
