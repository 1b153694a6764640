import { Effect, Option, Schema } from "effect"
import { SlugImmutable, VersionConflict } from "../../errors/conflicts.ts"
import { OrganizationNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { OrganizationName, OrganizationSlug } from "../../model/organization.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { OrganizationCodes, OrganizationProfile } from "./createOrganization.ts"

export const UpdateOrganizationInput = Schema.Struct({
  name: Schema.optionalKey(OrganizationName),
  /** Only while the organization has no member (`SlugImmutable`): members' portal links use it. */
  slug: Schema.optionalKey(OrganizationSlug),
  ...OrganizationProfile,
  ...OrganizationCodes
})
export type UpdateOrganizationInput = typeof UpdateOrganizationInput.Type

/**
 * Changes an organization's name, slug, company name, tax ID, status, kind or codes. Needs `orgs:manage`. A new
 * slug needs an organization without any membership (else `SlugImmutable`; sending the current slug is no
 * change; the organization's lock, taken before the check, keeps a member from being added meanwhile) and a slug
 * free in the tenant (the store's `OrganizationSlugTaken`). With `expectedVersion` (the HTTP `If-Match`)
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
      // A new slug needs an organization without members: the lock (which every membership's creation takes
      // too) keeps a member from being added between the check below and this transaction's commit.
      if (data.slug !== undefined) yield* organizations.lock(context.tenant.id, organizationId)
      const found = yield* organizations.findById(context.tenant.id, organizationId)
      if (Option.isNone(found)) return yield* new OrganizationNotFound({ organizationId })
      const current = found.value
      const expected = options.expectedVersion ?? current.version
      if (expected !== current.version) {
        return yield* new VersionConflict({ expected, actual: current.version })
      }
      if (data.slug !== undefined && data.slug !== current.slug) {
        const members = yield* (yield* MembershipRepository).listByOrganization(context.tenant.id, current.id)
        if (members.length > 0) {
          return yield* new SlugImmutable({ organizationId: current.id, slug: current.slug })
        }
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
