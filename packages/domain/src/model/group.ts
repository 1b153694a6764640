import { Schema } from "effect"
import { DepartmentId, GroupId, TenantId } from "./ids.ts"
import { isFreeText, isSingleLineText } from "./text.ts"

/** A group or department name: trimmed, 1 to 100 characters, one line without control characters. */
export const GroupName = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(1, 100),
  isSingleLineText()
)

/** A named set of users (many-to-many); names are unique per tenant, case-insensitively. */
export const Group = Schema.Struct({
  id: GroupId,
  tenantId: TenantId,
  name: GroupName,
  description: Schema.NullOr(Schema.String.check(Schema.isMaxLength(1000), isFreeText())),
  createdAt: Schema.Date,
  updatedAt: Schema.Date
})
export type Group = typeof Group.Type

/** A user belongs to at most one department; names are unique per tenant, case-insensitively. */
export const Department = Schema.Struct({
  id: DepartmentId,
  tenantId: TenantId,
  name: GroupName,
  createdAt: Schema.Date,
  updatedAt: Schema.Date
})
export type Department = typeof Department.Type
