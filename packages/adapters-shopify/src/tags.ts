/** How an organization's codes become Shopify customer tags; configurable per tenant. */
export interface TagFormats {
  /** Decides access: the organization's PIMS customer code. */
  readonly customerCode: string
  readonly customerName: string
  /** Read by B2B pricing apps. */
  readonly priceCode: string
}

export const defaultTagFormats: TagFormats = {
  customerCode: "pims-customer:{value}",
  customerName: "pims-name:{value}",
  priceCode: "price-code:{value}"
}

/**
 * Renders a tag the way Shopify will store it: a comma would split one tag into two, so commas are removed;
 * Shopify trims tags and caps them at 255 characters.
 */
export const renderTag = (format: string, value: string): string =>
  format.replace("{value}", value.replaceAll(",", " ")).replace(/\s+/gu, " ").trim().slice(0, 255)

/** Whether a tag was rendered from `format` (case-insensitive, as Shopify compares tags). */
export const matchesFormat = (format: string, tag: string): boolean => {
  const [prefix = "", suffix = ""] = format.split("{value}")
  const lower = tag.toLowerCase()
  return (
    lower.startsWith(prefix.toLowerCase()) &&
    lower.endsWith(suffix.toLowerCase()) &&
    tag.length > prefix.length + suffix.length
  )
}
