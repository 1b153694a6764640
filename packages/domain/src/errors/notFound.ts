import { Schema } from "effect"

// An id from another tenant is reported exactly like an id that does not exist (rule 1).

export class TenantNotFound extends Schema.TaggedError<TenantNotFound>()("TenantNotFound", {
  tenant: Schema.String
}) {}

export class UserNotFound extends Schema.TaggedError<UserNotFound>()("UserNotFound", {
  userId: Schema.String
}) {}

export class OrganizationNotFound extends Schema.TaggedError<OrganizationNotFound>()("OrganizationNotFound", {
  organizationId: Schema.String
}) {}

export class MembershipNotFound extends Schema.TaggedError<MembershipNotFound>()("MembershipNotFound", {
  organizationId: Schema.String,
  userId: Schema.String
}) {}

export class GroupNotFound extends Schema.TaggedError<GroupNotFound>()("GroupNotFound", {
  groupId: Schema.String
}) {}

export class DepartmentNotFound extends Schema.TaggedError<DepartmentNotFound>()("DepartmentNotFound", {
  departmentId: Schema.String
}) {}

export class RoleNotFound extends Schema.TaggedError<RoleNotFound>()("RoleNotFound", {
  role: Schema.String,
  scope: Schema.Literals(["tenant", "organization"])
}) {}

export class WebhookNotFound extends Schema.TaggedError<WebhookNotFound>()("WebhookNotFound", {
  webhookId: Schema.String
}) {}

export class DeliveryNotFound extends Schema.TaggedError<DeliveryNotFound>()("DeliveryNotFound", {
  deliveryId: Schema.String
}) {}
