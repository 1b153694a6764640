import { Effect, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { Organization, OrganizationName } from "../../model/organization.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** The external codes integrations use (PIMS customer code and name, price code); null clears one. */
export const OrganizationCodes = {
  pimsCustomerCode: Schema.optionalKey(Organization.fields.pimsCustomerCode),
  pimsCustomerName: Schema.optionalKey(Organization.fields.pimsCustomerName),
  priceCode: Schema.optionalKey(Organization.fields.priceCode)
}

export const CreateOrganizationInput = Schema.Struct({ name: OrganizationName, ...OrganizationCodes })
export type CreateOrganizationInput = typeof CreateOrganizationInput.Type

/** Creates an organization of the actor's tenant. Needs `orgs:manage`. */
export const createOrganization = Effect.fn("createOrganization")(function* (
  actor: Actor,
  input: CreateOrganizationInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "orgs:manage")
      const data = yield* decodeInput(CreateOrganizationInput, input)
      const organization = yield* (yield* OrganizationRepository).insert({
        id: yield* newId<OrganizationId>(),
        tenantId: context.tenant.id,
        name: data.name,
        pimsCustomerCode: data.pimsCustomerCode ?? null,
        pimsCustomerName: data.pimsCustomerName ?? null,
        priceCode: data.priceCode ?? null,
        createdAt: context.now,
        updatedAt: context.now,
        version: 1
      })
      yield* auditBy(context, {
        action: "organization.created",
        targetType: "organization",
        targetId: organization.id,
        details: {
          name: organization.name,
          pimsCustomerCode: organization.pimsCustomerCode,
          pimsCustomerName: organization.pimsCustomerName,
          priceCode: organization.priceCode
        }
      })
      return organization
    })
  )
})
