import { Context, type Effect, type Option } from "effect"
import type { OrganizationNotFound, VersionConflict } from "../errors/index.ts"
import type { OrganizationId, TenantId } from "../model/ids.ts"
import type { Organization } from "../model/organization.ts"
import type { Page } from "../model/page.ts"

export interface OrganizationListQuery {
  /** Case-insensitive substring of the name or an external code. */
  readonly q?: string | undefined
  /** Restrict to these ids (an organization member sees only their own). */
  readonly ids?: ReadonlyArray<OrganizationId> | undefined
  readonly limit: number
  readonly cursor?: string | undefined
}

/**
 * Organizations of a tenant. Guarantees: isolation by tenant; optimistic `update`; `delete` also removes the
 * organization's memberships; `list` orders by lower-cased name then id, with a `total` for the filter.
 */
export class OrganizationRepository extends Context.Service<
  OrganizationRepository,
  {
    readonly insert: (organization: Organization) => Effect.Effect<Organization>
    readonly findById: (tenantId: TenantId, id: OrganizationId) => Effect.Effect<Option.Option<Organization>>
    readonly update: (
      organization: Organization,
      expectedVersion: number
    ) => Effect.Effect<Organization, OrganizationNotFound | VersionConflict>
    readonly delete: (tenantId: TenantId, id: OrganizationId) => Effect.Effect<void, OrganizationNotFound>
    readonly list: (tenantId: TenantId, query: OrganizationListQuery) => Effect.Effect<Page<Organization>>
  }
>()("@gatehouse/domain/OrganizationRepository") {}
