import {
  compareOrganizations,
  isAfterOrganizationCursor,
  type OrganizationId,
  OrganizationNotFound,
  OrganizationRepository,
  type OrganizationSlug,
  OrganizationSlugTaken,
  organizationNameKey,
  type TenantId,
  VersionConflict
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, type View } from "./MemoryStore.ts"
import { paginate, positionOf } from "./paginate.ts"
import { Memberships, Organizations } from "./tables.ts"

const ofTenant = (s: View, tenantId: TenantId) =>
  [...s.get(Organizations).values()].filter((o) => o.tenantId === tenantId)

/** Whether another organization of the tenant than `except` has the slug. */
const slugTaken = (s: View, tenantId: TenantId, slug: OrganizationSlug, except?: OrganizationId) =>
  ofTenant(s, tenantId).some((o) => o.slug === slug && o.id !== except)

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

export const layerMemory: Layer.Layer<OrganizationRepository, never, MemoryStore> = Layer.effect(
  OrganizationRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return OrganizationRepository.of({
      insert: (organization) =>
        store.write((s, tx) => {
          if (slugTaken(s, organization.tenantId, organization.slug))
            return fail(new OrganizationSlugTaken({ slug: organization.slug }))
          tx.set(Organizations, organization.id, organization)
          return ok(organization)
        }),
      findBySlug: (tenantId, slug) =>
        store.read((s) => Option.fromNullishOr(ofTenant(s, tenantId).find((o) => o.slug === slug))),
      slugsLike: (tenantId, base) =>
        store.read((s) => {
          const like = new RegExp(`^${escapeRegExp(base)}(?:-[0-9]+)?$`)
          return ofTenant(s, tenantId)
            .map((o) => o.slug)
            .filter((slug) => like.test(slug))
        }),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.fromNullishOr(s.get(Organizations).get(id)).pipe(
            Option.filter((o) => o.tenantId === tenantId)
          )
        ),
      update: (organization, expectedVersion) =>
        store.write((s, tx) => {
          const current = s.get(Organizations).get(organization.id)
          if (current === undefined || current.tenantId !== organization.tenantId)
            return fail(new OrganizationNotFound({ organizationId: organization.id }))
          if (current.version !== expectedVersion)
            return fail(new VersionConflict({ expected: expectedVersion, actual: current.version }))
          if (slugTaken(s, current.tenantId, organization.slug, organization.id))
            return fail(new OrganizationSlugTaken({ slug: organization.slug }))
          const next = { ...organization, tenantId: current.tenantId, version: expectedVersion + 1 }
          tx.set(Organizations, organization.id, next)
          return ok(next)
        }),
      delete: (tenantId, id) =>
        store.write((s, tx) => {
          const current = s.get(Organizations).get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new OrganizationNotFound({ organizationId: id }))
          for (const [key, m] of [...s.get(Memberships)])
            if (m.organizationId === id) tx.delete(Memberships, key)
          tx.delete(Organizations, id)
          return ok(undefined)
        }),
      // The store's single permit already serialises transactions: a transaction holds it from its first step
      // to its end, so taking the lock is checking that the organization is there.
      lock: (tenantId, id) =>
        store
          .read((s) => s.get(Organizations).get(id)?.tenantId === tenantId)
          .pipe(
            Effect.flatMap((exists) =>
              exists ? Effect.void : Effect.fail(new OrganizationNotFound({ organizationId: id }))
            )
          ),
      list: (tenantId, query) =>
        store.read((s) => {
          const needle = query.q?.trim().toLowerCase() ?? ""
          const sorted = [...s.get(Organizations).values()]
            .filter((o) => o.tenantId === tenantId)
            .filter((o) => query.ids === undefined || query.ids.includes(o.id))
            .filter(
              (o) =>
                needle === "" ||
                [
                  o.name,
                  o.slug,
                  o.companyName ?? "",
                  o.taxId ?? "",
                  o.pimsCustomerCode ?? "",
                  o.pimsCustomerName ?? "",
                  o.priceCode ?? ""
                ].some((h) => h.toLowerCase().includes(needle))
            )
            .sort(compareOrganizations)
          return paginate(sorted, {
            limit: query.limit,
            after: positionOf(query.cursor),
            isAfter: isAfterOrganizationCursor,
            keyOf: organizationNameKey
          })
        })
    })
  })
)
