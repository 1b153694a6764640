import { Context, type Effect } from "effect"
import type { AuditEvent } from "../model/audit.ts"
import type { TenantId, UserId } from "../model/ids.ts"
import type { Page } from "../model/page.ts"

export interface AuditQuery {
  readonly actorId?: UserId | undefined
  /** Any target's id (a user, an organization, a webhook...): free text, compared as stored. */
  readonly targetId?: string | undefined
  readonly action?: string | undefined
  /** Events at or after this instant. */
  readonly from?: Date | undefined
  /** Events strictly before this instant. */
  readonly before?: Date | undefined
  readonly limit: number
  readonly cursor?: string | undefined
}

/**
 * The append-only audit trail.
 *
 * Guarantees: `append` joins the caller's transaction (an event of a failed use case is never visible);
 * events are never changed nor removed, also when their actor or target is deleted; `query` returns a
 * tenant's events newest first (by time, then id), with a `total` for the filter; `from` is inclusive and
 * `before` exclusive, so consecutive windows never share an event.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class AuditLog extends Context.Service<
  AuditLog,
  {
    readonly append: (event: AuditEvent) => Effect.Effect<void>
    readonly query: (tenantId: TenantId, query: AuditQuery) => Effect.Effect<Page<AuditEvent>>
  }
>()("@gatehouse/domain/AuditLog") {}
