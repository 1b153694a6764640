import { SlugTaken, TenantNotFound, TenantRepository, VersionConflict } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok } from "./MemoryStore.ts"
import { Tenants } from "./tables.ts"

export const layerMemory: Layer.Layer<TenantRepository, never, MemoryStore> = Layer.effect(
  TenantRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return TenantRepository.of({
      insert: (tenant) =>
        store.write((s, tx) => {
          if ([...s.get(Tenants).values()].some((t) => t.slug === tenant.slug))
            return fail(new SlugTaken({ slug: tenant.slug }))
          tx.set(Tenants, tenant.id, tenant)
          return ok(tenant)
        }),
      findById: (id) => store.read((s) => Option.fromNullishOr(s.get(Tenants).get(id))),
      findBySlug: (slug) =>
        store.read((s) => Option.fromNullishOr([...s.get(Tenants).values()].find((t) => t.slug === slug))),
      update: (tenant, expectedVersion) =>
        store.write((s, tx) => {
          const current = s.get(Tenants).get(tenant.id)
          if (current === undefined) return fail(new TenantNotFound({ tenant: tenant.id }))
          if (current.version !== expectedVersion)
            return fail(new VersionConflict({ expected: expectedVersion, actual: current.version }))
          const next = { ...tenant, version: expectedVersion + 1 }
          tx.set(Tenants, tenant.id, next)
          return ok(next)
        }),
      // The store's single permit already serialises transactions.
      lock: (id) =>
        store
          .read((s) => s.get(Tenants).has(id))
          .pipe(
            Effect.flatMap((exists) =>
              exists ? Effect.void : Effect.fail(new TenantNotFound({ tenant: id }))
            )
          )
    })
  })
)
