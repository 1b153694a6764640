import { Context, type Effect, type Option } from "effect"
import type { SlugTaken, TenantNotFound, VersionConflict } from "../errors/index.ts"
import type { TenantId } from "../model/ids.ts"
import type { Tenant, TenantSlug } from "../model/tenant.ts"

/**
 * Tenants (a global table: the only repository not keyed by a tenant).
 *
 * Guarantees: slugs are unique (the store reports `SlugTaken`, no check-then-insert); `update` is optimistic;
 * `lock` serialises the transactions that take it.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class TenantRepository extends Context.Service<
  TenantRepository,
  {
    /** Inserts a new tenant; `SlugTaken` when the slug exists. Of N concurrent inserts of one slug, one wins. */
    readonly insert: (tenant: Tenant) => Effect.Effect<Tenant, SlugTaken>
    readonly findById: (id: TenantId) => Effect.Effect<Option.Option<Tenant>>
    readonly findBySlug: (slug: TenantSlug) => Effect.Effect<Option.Option<Tenant>>
    /**
     * Replaces the tenant when the stored version equals `expectedVersion`; stores `version + 1` and returns
     * what was stored. `VersionConflict` otherwise.
     */
    readonly update: (
      tenant: Tenant,
      expectedVersion: number
    ) => Effect.Effect<Tenant, TenantNotFound | VersionConflict>
    /**
     * Inside a transaction: blocks until no other transaction holds the lock of this tenant, then holds it
     * until this transaction ends. Use cases that guard "the last admin" take it first, so concurrent
     * demotions cannot both see two admins.
     */
    readonly lock: (id: TenantId) => Effect.Effect<void, TenantNotFound>
  }
>()("@gatehouse/domain/TenantRepository") {}
