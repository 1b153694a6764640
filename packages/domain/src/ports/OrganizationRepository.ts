import { Context, type Effect, type Option } from "effect"
import type { OrganizationNotFound, OrganizationSlugTaken, VersionConflict } from "../errors/index.ts"
import type { OrganizationId, TenantId } from "../model/ids.ts"
import type { Organization, OrganizationSlug } from "../model/organization.ts"
import type { Page } from "../model/page.ts"

export interface OrganizationListQuery {
  /** Case-insensitive substring of the name, slug, company name, tax ID or an external code. */
  readonly q?: string | undefined
  /** Restrict to these ids (an organization member sees only their own). */
  readonly ids?: ReadonlyArray<OrganizationId> | undefined
  readonly limit: number
  readonly cursor?: string | undefined
}

/**
 * Organizations of a tenant. Guarantees: isolation by tenant; a slug is unique in its tenant and the store
 * reports `OrganizationSlugTaken` (no check-then-insert: of N concurrent inserts or updates to one slug, one
 * wins), and a refused write leaves the caller's transaction usable (the caller may try another slug);
 * optimistic `update`; `delete` also removes the organization's memberships; `list` orders by lower-cased name
 * then id (the domain's `compareOrganizations`: code point order), its cursors past a row by
 * `isAfterOrganizationCursor`, with a `total` for the filter; `lock` serialises the transactions that take it for
 * one organization.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class OrganizationRepository extends Context.Service<
  OrganizationRepository,
  {
    readonly insert: (organization: Organization) => Effect.Effect<Organization, OrganizationSlugTaken>
    readonly findById: (tenantId: TenantId, id: OrganizationId) => Effect.Effect<Option.Option<Organization>>
    readonly findBySlug: (
      tenantId: TenantId,
      slug: OrganizationSlug
    ) => Effect.Effect<Option.Option<Organization>>
    /**
     * The slugs of the tenant that are `base` itself or `base-<digits>` (the candidates a generated slug
     * skips), in no particular order. A hint only: a slug taken after the read still fails the insert.
     */
    readonly slugsLike: (
      tenantId: TenantId,
      base: OrganizationSlug
    ) => Effect.Effect<ReadonlyArray<OrganizationSlug>>
    readonly update: (
      organization: Organization,
      expectedVersion: number
    ) => Effect.Effect<Organization, OrganizationNotFound | VersionConflict | OrganizationSlugTaken>
    readonly delete: (tenantId: TenantId, id: OrganizationId) => Effect.Effect<void, OrganizationNotFound>
    readonly list: (tenantId: TenantId, query: OrganizationListQuery) => Effect.Effect<Page<Organization>>
    /**
     * Inside a transaction: blocks until no other transaction holds the lock of this organization, then holds it
     * until this transaction ends; what the transaction reads afterwards includes everything the previous holder
     * committed. Whatever creates a membership and whatever changes the slug (immutable once the organization
     * has a member) take it first, so a slug change and a new member cannot both commit unseen by the other.
     * `OrganizationNotFound` for an unknown organization or one of another tenant.
     */
    readonly lock: (tenantId: TenantId, id: OrganizationId) => Effect.Effect<void, OrganizationNotFound>
  }
>()("@gatehouse/domain/OrganizationRepository") {}
