import { SlugTaken, TenantNotFound, TenantRepository, VersionConflict } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, setIn } from "./MemoryStore.ts"

export const layerMemory: Layer.Layer<TenantRepository, never, MemoryStore> = Layer.effect(
  TenantRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return TenantRepository.of({
      insert: (tenant) =>
        store.write((s) =>
          [...s.tenants.values()].some((t) => t.slug === tenant.slug)
            ? fail(new SlugTaken({ slug: tenant.slug }))
            : ok(tenant, { ...s, tenants: setIn(s.tenants, tenant.id, tenant) })
        ),
      findById: (id) => store.read((s) => Option.fromNullishOr(s.tenants.get(id))),
      findBySlug: (slug) =>
        store.read((s) => Option.fromNullishOr([...s.tenants.values()].find((t) => t.slug === slug))),
      update: (tenant, expectedVersion) =>
        store.write((s) => {
          const current = s.tenants.get(tenant.id)
          if (current === undefined) return fail(new TenantNotFound({ tenant: tenant.id }))
          if (current.version !== expectedVersion)
            return fail(new VersionConflict({ expected: expectedVersion, actual: current.version }))
          const next = { ...tenant, version: expectedVersion + 1 }
          return ok(next, { ...s, tenants: setIn(s.tenants, tenant.id, next) })
        }),
      // The store's single permit already serialises transactions.
      lock: (id) =>
        store
          .read((s) => s.tenants.has(id))
          .pipe(
            Effect.flatMap((exists) =>
              exists ? Effect.void : Effect.fail(new TenantNotFound({ tenant: id }))
            )
          )
    })
  })
)
