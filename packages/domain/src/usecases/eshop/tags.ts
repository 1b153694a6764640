import { Schema } from "effect"
import type { Organization } from "../../model/organization.ts"
import { isSingleLineText } from "../../model/text.ts"
import type { ShopifyTagFormats } from "../../ports/ShopifySettingsRepository.ts"

/** Shopify's limits: at most 250 tags per customer, each at most 255 characters. */
export const MAX_TAGS = 250
export const MAX_TAG_LENGTH = 255

/**
 * The tag formats a tenant starts with. The customer code decides access; the prefixes keep Gatehouse's tags
 * apart from the merchant's own (a bare code such as `C42` could be anybody's tag) and from each other.
 */
export const defaultTagFormats: ShopifyTagFormats = {
  customerCode: "pims-customer:{value}",
  customerName: "pims-name:{value}",
  priceCode: "price-code:{value}"
}

const PLACEHOLDER = "{value}"

// The fixed text around `{value}`, with whitespace collapsed as `renderTag` collapses it.
const literalParts = (format: string): { readonly prefix: string; readonly suffix: string } => {
  const at = format.indexOf(PLACEHOLDER)
  const collapse = (text: string) => text.replace(/\s+/gu, " ")
  return { prefix: collapse(format.slice(0, at)), suffix: collapse(format.slice(at + PLACEHOLDER.length)) }
}

/** A tag format: one line, no comma (Shopify would split the tag), `{value}` exactly once. */
export const TagFormat = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(PLACEHOLDER.length, 100),
  isSingleLineText(),
  Schema.makeFilter((format: string) => !format.includes(","), {
    message: "Must not contain a comma (Shopify splits tags on commas)"
  }),
  Schema.makeFilter((format: string) => format.split(PLACEHOLDER).length === 2, {
    message: "Must contain {value} exactly once"
  })
)

const lower = (text: string) => text.toLowerCase()
const overlaps = (a: string, b: string) => lower(a).startsWith(lower(b)) || lower(b).startsWith(lower(a))
const overlapsAtEnd = (a: string, b: string) => lower(a).endsWith(lower(b)) || lower(b).endsWith(lower(a))

/**
 * Why a set of formats cannot work, or undefined. The customer-code format needs text around `{value}`
 * (otherwise every merchant tag would look like another organization's code), and the name and price-code
 * tags must never look like a customer-code tag.
 */
export const tagFormatsProblem = (
  formats: ShopifyTagFormats
): { path: string; message: string } | undefined => {
  const code = literalParts(formats.customerCode)
  if (code.prefix.trim() === "" && code.suffix.trim() === "") {
    return {
      path: "tagFormats.customerCode",
      message: "Needs fixed text around {value}, e.g. pims-customer:{value}"
    }
  }
  for (const key of ["customerName", "priceCode"] as const) {
    const other = literalParts(formats[key])
    if (overlaps(other.prefix, code.prefix) && overlapsAtEnd(other.suffix, code.suffix)) {
      return { path: `tagFormats.${key}`, message: "Its tags could be mistaken for customer-code tags" }
    }
  }
  return undefined
}

/**
 * Renders a tag the way Shopify will keep it: commas would split it, so they become spaces; whitespace is
 * collapsed and trimmed, in the value and in the tag (Shopify trims) and the result is cut to 255 characters (code points).
 */
export const renderTag = (format: string, value: string): string => {
  const clean = (text: string) => text.replaceAll(",", " ").replace(/\s+/gu, " ").trim()
  const text = clean(format.replace(PLACEHOLDER, () => clean(value)))
  return Array.from(text).slice(0, MAX_TAG_LENGTH).join("").trim()
}

/** Shopify compares tags case-insensitively: `Red` and `red` are one tag. */
export const sameTag = (a: string, b: string): boolean => lower(a) === lower(b)

export const hasTag = (tags: ReadonlyArray<string>, tag: string): boolean => tags.some((t) => sameTag(t, tag))

/** Whether `tag` was rendered from the customer-code format (whatever organization it names). */
export const isCustomerCodeTag = (formats: ShopifyTagFormats, tag: string): boolean => {
  const { prefix, suffix } = literalParts(formats.customerCode)
  const text = lower(tag)
  return (
    text.length > prefix.length + suffix.length &&
    text.startsWith(lower(prefix)) &&
    text.endsWith(lower(suffix))
  )
}

/** The code a customer-code tag names (`pims-customer:C42` -> `C42`), or undefined for another tag. */
export const customerCodeOf = (formats: ShopifyTagFormats, tag: string): string | undefined => {
  if (!isCustomerCodeTag(formats, tag)) return undefined
  const { prefix, suffix } = literalParts(formats.customerCode)
  return tag.slice(prefix.length, tag.length - suffix.length)
}

/** The tags that tie a Shopify customer to an organization. `customerCode` is null when it has no code. */
export interface OrganizationTags {
  readonly customerCode: string | null
  /** Every tag the organization puts on its members' customers: code, name and (when present) price code. */
  readonly all: ReadonlyArray<string>
}

/** The organization's tags under the tenant's formats (the name tag falls back to the organization's name). */
export const organizationTags = (
  formats: ShopifyTagFormats,
  organization: Pick<Organization, "name" | "pimsCustomerCode" | "pimsCustomerName" | "priceCode">
): OrganizationTags => {
  const customerCode =
    organization.pimsCustomerCode === null
      ? null
      : renderTag(formats.customerCode, organization.pimsCustomerCode)
  const tags = [
    customerCode,
    renderTag(formats.customerName, organization.pimsCustomerName ?? organization.name),
    organization.priceCode === null ? null : renderTag(formats.priceCode, organization.priceCode)
  ].filter((tag): tag is string => tag !== null && tag !== "")
  const all: Array<string> = []
  for (const tag of tags) if (!hasTag(all, tag)) all.push(tag)
  return { customerCode, all }
}

/** The customer-code tags on a customer that belong to another organization than `ours`. */
export const otherCustomerCodes = (
  formats: ShopifyTagFormats,
  tags: ReadonlyArray<string>,
  ours: string | null
): ReadonlyArray<string> =>
  tags.filter((tag) => isCustomerCodeTag(formats, tag) && (ours === null || !sameTag(tag, ours)))
