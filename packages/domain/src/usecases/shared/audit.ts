import { Effect } from "effect"
import type { AuditActorKind } from "../../model/audit.ts"
import type { AuditEventId, TenantId, UserId } from "../../model/ids.ts"
import { newId, now } from "../../model/newId.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import type { ActorContext } from "./ActorContext.ts"
import { appendChangeEvent } from "./changeEvents.ts"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

export interface AuditEntry {
  readonly action: string
  readonly targetType?: string
  readonly targetId?: string
  /** Never a secret: no passwords, tokens, hashes or credentials. */
  readonly details?: Readonly<Record<string, Json>>
  /**
   * The resource as it was before the change, for a change after which it is gone (a deletion): its change
   * event carries it. Other changes' events carry the resource as read after the change.
   */
  readonly resource?: unknown
}

/**
 * Appends an audit event in the current transaction (rule 9), and for a change its event to the outbox (the
 * one place change events are written: webhooks and the feed see exactly the committed changes).
 */
export const audit = Effect.fnUntraced(function* (
  by: { readonly tenantId: TenantId; readonly actorKind: AuditActorKind; readonly actorId: UserId | null },
  entry: AuditEntry
) {
  const log = yield* AuditLog
  const at = yield* now
  yield* log.append({
    id: yield* newId<AuditEventId>(),
    tenantId: by.tenantId,
    at,
    actorKind: by.actorKind,
    actorId: by.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: (entry.details ?? {}) as Record<string, Json> as never
  })
  yield* appendChangeEvent(by, entry, at)
})

/** Appends an audit event by the acting user. */
export const auditBy = (context: ActorContext, entry: AuditEntry) =>
  audit({ tenantId: context.tenant.id, actorKind: "user", actorId: context.user.id }, entry)
