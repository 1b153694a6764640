import { Effect, Schema } from "effect"
import { OrganizationSlugTaken } from "../../errors/conflicts.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import {
  Organization,
  OrganizationName,
  type OrganizationSlug,
  OrganizationSlug as OrganizationSlugSchema
} from "../../model/organization.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { slugCandidate, slugFromName } from "../../rules/organizationSlug.ts"
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

/** 004's client fields and the account's state: company name and tax ID (null clears one), status, kind. */
export const OrganizationProfile = {
  companyName: Schema.optionalKey(Organization.fields.companyName),
  taxId: Schema.optionalKey(Organization.fields.taxId),
  status: Schema.optionalKey(Organization.fields.status),
  kind: Schema.optionalKey(Organization.fields.kind)
}

export const CreateOrganizationInput = Schema.Struct({
  name: OrganizationName,
  /** The portal address; generated from the name when absent. */
  slug: Schema.optionalKey(OrganizationSlugSchema),
  ...OrganizationProfile,
  ...OrganizationCodes
})
export type CreateOrganizationInput = typeof CreateOrganizationInput.Type

/** Candidates a generated slug tries before giving up (each refused one is a slug taken meanwhile). */
const MAX_SLUG_ATTEMPTS = 50

/**
 * Inserts `organization` under its given slug, or, when `generated`, under the first free candidate of that
 * base (`base`, `base-2`, `base-3` ...). The store decides: a candidate taken after `slugsLike` read is skipped
 * on its `OrganizationSlugTaken`, so concurrent creates of one name get distinct slugs.
 */
export const insertOrganizationWithSlug = Effect.fnUntraced(function* (
  organization: Organization,
  options: { readonly generated: boolean }
) {
  const organizations = yield* OrganizationRepository
  if (!options.generated) return yield* organizations.insert(organization)
  const base = organization.slug
  const taken = new Set<string>(yield* organizations.slugsLike(organization.tenantId, base))
  let n = 1
  for (let attempt = 0; attempt < MAX_SLUG_ATTEMPTS; attempt++) {
    while (taken.has(slugCandidate(base, n))) n++
    const slug: OrganizationSlug = slugCandidate(base, n)
    const inserted = yield* organizations
      .insert({ ...organization, slug })
      .pipe(Effect.catchTag("OrganizationSlugTaken", () => Effect.succeed(undefined)))
    if (inserted !== undefined) return inserted
    taken.add(slug)
  }
  return yield* new OrganizationSlugTaken({ slug: base })
})

/**
 * Creates an organization of the actor's tenant. Needs `orgs:manage`. Without a slug, the name's slug
 * (`slugFromName`), made unique in the tenant with a suffix; a slug given and taken is `OrganizationSlugTaken`.
 * New organizations are `active` `business` accounts unless the input says otherwise.
 */
export const createOrganization = Effect.fn("createOrganization")(function* (
  actor: Actor,
  input: CreateOrganizationInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "orgs:manage")
      const data = yield* decodeInput(CreateOrganizationInput, input)
      const organization = yield* insertOrganizationWithSlug(
        {
          id: yield* newId<OrganizationId>(),
          tenantId: context.tenant.id,
          name: data.name,
          slug: data.slug ?? slugFromName(data.name),
          companyName: data.companyName ?? null,
          taxId: data.taxId ?? null,
          status: data.status ?? "active",
          kind: data.kind ?? "business",
          pimsCustomerCode: data.pimsCustomerCode ?? null,
          pimsCustomerName: data.pimsCustomerName ?? null,
          priceCode: data.priceCode ?? null,
          createdAt: context.now,
          updatedAt: context.now,
          version: 1
        },
        { generated: data.slug === undefined }
      )
      yield* auditBy(context, {
        action: "organization.created",
        targetType: "organization",
        targetId: organization.id,
        details: {
          name: organization.name,
          slug: organization.slug,
          companyName: organization.companyName,
          taxId: organization.taxId,
          status: organization.status,
          kind: organization.kind,
          pimsCustomerCode: organization.pimsCustomerCode,
          pimsCustomerName: organization.pimsCustomerName,
          priceCode: organization.priceCode
        }
      })
      return organization
    })
  )
})
