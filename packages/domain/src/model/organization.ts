import { Schema } from "effect"
import { OrganizationId, TenantId } from "./ids.ts"
import { isSingleLineText } from "./text.ts"

export const OrganizationName = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(1, 200),
  isSingleLineText()
)
const ExternalCode = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(1, 100),
  isSingleLineText()
)

/** A customer account / client inside a tenant, with the codes integrations use. */
export const Organization = Schema.Struct({
  id: OrganizationId,
  tenantId: TenantId,
  name: OrganizationName,
  pimsCustomerCode: Schema.NullOr(ExternalCode),
  pimsCustomerName: Schema.NullOr(ExternalCode),
  priceCode: Schema.NullOr(ExternalCode),
  createdAt: Schema.Date,
  updatedAt: Schema.Date,
  version: Schema.Int
})
export type Organization = typeof Organization.Type
