import { Schema } from "effect"

// Every id is decoded with these schemas once, where it enters: HTTP path, query and body, the id part of a
// session or one-time token, a cursor's id, a use case's free-form input (validation/decodeInput.ts). Past that
// point it is a branded type: the ports take it as such and never check it again, so a string cast to an id
// that is not a UUID is the caller's bug (on PostgreSQL, a 22P02 that aborts the whole transaction).
const Uuid = Schema.String.check(Schema.isUUID(undefined, { message: "Expected a UUID" }))

/** Identifies a tenant, the isolation boundary. */
export const TenantId = Uuid.pipe(Schema.brand("TenantId"))
export type TenantId = typeof TenantId.Type

export const UserId = Uuid.pipe(Schema.brand("UserId"))
export type UserId = typeof UserId.Type

export const OrganizationId = Uuid.pipe(Schema.brand("OrganizationId"))
export type OrganizationId = typeof OrganizationId.Type

export const GroupId = Uuid.pipe(Schema.brand("GroupId"))
export type GroupId = typeof GroupId.Type

export const DepartmentId = Uuid.pipe(Schema.brand("DepartmentId"))
export type DepartmentId = typeof DepartmentId.Type

export const AuditEventId = Uuid.pipe(Schema.brand("AuditEventId"))
export type AuditEventId = typeof AuditEventId.Type

export const SessionId = Uuid.pipe(Schema.brand("SessionId"))
export type SessionId = typeof SessionId.Type

export const InvitationId = Uuid.pipe(Schema.brand("InvitationId"))
export type InvitationId = typeof InvitationId.Type

export const OneTimeTokenId = Uuid.pipe(Schema.brand("OneTimeTokenId"))
export type OneTimeTokenId = typeof OneTimeTokenId.Type

export const WebhookId = Uuid.pipe(Schema.brand("WebhookId"))
export type WebhookId = typeof WebhookId.Type

/** Identifies a change event (the outbox row); receivers de-duplicate by it (`webhook-id`). */
export const EventId = Uuid.pipe(Schema.brand("EventId"))
export type EventId = typeof EventId.Type

export const DeliveryId = Uuid.pipe(Schema.brand("DeliveryId"))
export type DeliveryId = typeof DeliveryId.Type
