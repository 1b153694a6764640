import { defaultTagFormats, matchesFormat, renderTag } from "@gatehouse/adapters-shopify"
import { describe, expect, it } from "vitest"

describe("tags", () => {
  it("strips commas from names, since Shopify splits tags on them", () => {
    expect(renderTag(defaultTagFormats.customerName, "Acme, Inc.")).toBe("pims-name:Acme Inc.")
  })

  it("caps tags at Shopify's 255 characters", () => {
    expect(renderTag(defaultTagFormats.customerCode, "x".repeat(400))).toHaveLength(255)
  })

  it("recognises a customer-code tag in any casing, and nothing else", () => {
    expect(matchesFormat(defaultTagFormats.customerCode, "PIMS-CUSTOMER:C42")).toBe(true)
    expect(matchesFormat(defaultTagFormats.customerCode, "pims-name:C42")).toBe(false)
    expect(matchesFormat(defaultTagFormats.customerCode, "pims-customer:")).toBe(false)
  })
})
