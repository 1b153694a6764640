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

/** The longest slug; a generated one leaves room for a collision suffix (`-2`, `-3` ...) inside it. */
export const ORGANIZATION_SLUG_MAX = 63

/**
 * An organization's address in the client portal (`/portal/<slug>`), unique in its tenant: lower-case ASCII
 * letters and digits in runs joined by single hyphens, 1 to 63 characters.
 */
export const OrganizationSlug = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, {
    message: "Expected lower-case letters and digits joined by single hyphens"
  }),
  Schema.isBetweenLength(1, ORGANIZATION_SLUG_MAX)
)
export type OrganizationSlug = typeof OrganizationSlug.Type

/** The registered company name of a client (004's "Company Name"). */
export const CompanyName = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(1, 200),
  isSingleLineText()
)

/** A client's tax identification number (004's "Tax ID"), as the client writes it. */
export const TaxId = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(1, 50),
  isSingleLineText()
)

/** `inactive`: the organization's memberships grant nothing (its members keep their memberships). */
export const OrganizationStatus = Schema.Literals(["active", "inactive"])
export type OrganizationStatus = typeof OrganizationStatus.Type

/** `individual`: a customer account of one person, without member management (001). */
export const OrganizationKind = Schema.Literals(["business", "individual"])
export type OrganizationKind = typeof OrganizationKind.Type

/** A customer account / client inside a tenant, with the codes integrations use. */
export const Organization = Schema.Struct({
  id: OrganizationId,
  tenantId: TenantId,
  name: OrganizationName,
  slug: OrganizationSlug,
  companyName: Schema.NullOr(CompanyName),
  taxId: Schema.NullOr(TaxId),
  status: OrganizationStatus,
  kind: OrganizationKind,
  pimsCustomerCode: Schema.NullOr(ExternalCode),
  pimsCustomerName: Schema.NullOr(ExternalCode),
  priceCode: Schema.NullOr(ExternalCode),
  createdAt: Schema.Date,
  updatedAt: Schema.Date,
  version: Schema.Int
})
export type Organization = typeof Organization.Type
