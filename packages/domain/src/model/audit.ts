import { Schema } from "effect"
import { AuditEventId, TenantId, UserId } from "./ids.ts"

export const AuditActorKind = Schema.Literals(["user", "platform", "system", "anonymous"])
export type AuditActorKind = typeof AuditActorKind.Type

/** Append-only record of a change or an authentication attempt. `details` never holds a secret. */
export const AuditEvent = Schema.Struct({
  id: AuditEventId,
  tenantId: TenantId,
  at: Schema.Date,
  actorKind: AuditActorKind,
  actorId: Schema.NullOr(UserId),
  /** `<aggregate>.<fact>`, e.g. `user.created`, `membership.removed`, `auth.login_failed`. */
  action: Schema.String,
  targetType: Schema.NullOr(Schema.String),
  targetId: Schema.NullOr(Schema.String),
  details: Schema.Record(Schema.String, Schema.Json)
})
export type AuditEvent = typeof AuditEvent.Type
