import { Schema } from "effect"
import { EventId, TenantId } from "./ids.ts"

/**
 * The event types: the audit actions of changes (never of reads or authentication attempts). A webhook
 * subscribes to some of them or to `*`.
 */
export const EVENT_TYPES = [
  "user.created",
  "user.updated",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.deactivated",
  "user.restored",
  "user.deleted",
  "user.password_changed",
  "user.mfa_enabled",
  "user.mfa_disabled",
  "invitation.issued",
  "invitation.revoked",
  "invitation.accepted",
  "membership.added",
  "membership.updated",
  "membership.removed",
  "membership.expired",
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.member_added",
  "group.member_removed",
  "department.created",
  "department.updated",
  "department.deleted",
  "eshop.invited",
  "eshop.revoked",
  "tenant.password_policy_updated",
  "webhook.test"
] as const

export const EventType = Schema.Literals(EVENT_TYPES)
export type EventType = typeof EventType.Type

/** Audit actions whose event type has another name (the rest are their own event type). */
const RENAMED: Readonly<Record<string, EventType>> = {
  "user.password_reset": "user.password_changed",
  "mfa.totp_enabled": "user.mfa_enabled",
  "mfa.totp_disabled": "user.mfa_disabled",
  "mfa.totp_cleared": "user.mfa_disabled",
  "setup.completed": "invitation.accepted"
}

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES)

/** The event type of an audit action, or undefined when the action is not a change (a login, a failed code). */
export const eventTypeOf = (action: string): EventType | undefined =>
  RENAMED[action] ?? (TYPES.has(action) && action !== "webhook.test" ? (action as EventType) : undefined)

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

export const EventActor = Schema.Struct({
  kind: Schema.Literals(["user", "platform", "system", "anonymous"]),
  id: Schema.NullOr(Schema.String)
})
export type EventActor = typeof EventActor.Type

/**
 * A committed change, as delivered to webhooks and listed by the feed: `data` is the whole resource after the
 * change (before it, for a removal), JSON, never a secret.
 */
export const ChangeEvent = Schema.Struct({
  id: EventId,
  type: EventType,
  tenantId: TenantId,
  occurredAt: Schema.Date,
  actor: EventActor,
  data: Schema.Json
})
export type ChangeEvent = typeof ChangeEvent.Type

/** Property names that never leave in an event, at any depth. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  "passwordHash",
  "password",
  "secret",
  "token",
  "accessToken",
  "webhookSecret",
  "totpSecret",
  "recoveryCodes"
])

/** A resource as event data: Dates as ISO strings, undefined dropped, secret-named properties removed. */
export const toEventData = (value: unknown): Json => {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toEventData)
  if (typeof value === "object") {
    const out: Record<string, Json> = {}
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEYS.has(key) || item === undefined) continue
      out[key] = toEventData(item)
    }
    return out
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value
  return String(value)
}
