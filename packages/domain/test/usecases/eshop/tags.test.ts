import { assert, describe, it } from "@effect/vitest"
import { defaultTagFormats } from "@gatehouse/domain"
import { Option } from "effect"
import * as fc from "fast-check"
import {
  customerCodeOf,
  eshopStatusOf,
  isCustomerCodeTag,
  organizationTags,
  otherCustomerCodes,
  renderTag,
  tagFormatsProblem
} from "../../../src/usecases/eshop/index.ts"

const org = (overrides: Partial<Parameters<typeof organizationTags>[1]> = {}) => ({
  name: "Acme",
  pimsCustomerCode: "C42",
  pimsCustomerName: "Acme, Inc.",
  priceCode: "GOLD",
  ...overrides
})

describe("eShop tags", () => {
  it("the defaults: customer code, customer name without commas, price code when present", () => {
    assert.deepStrictEqual(organizationTags(defaultTagFormats, org()), {
      customerCode: "pims-customer:C42",
      all: ["pims-customer:C42", "pims-name:Acme Inc.", "price-code:GOLD"]
    })
    assert.deepStrictEqual(organizationTags(defaultTagFormats, org({ priceCode: null })).all, [
      "pims-customer:C42",
      "pims-name:Acme Inc."
    ])
    assert.deepStrictEqual(
      organizationTags(defaultTagFormats, org({ pimsCustomerName: null, name: "A, B", priceCode: null })).all,
      ["pims-customer:C42", "pims-name:A B"]
    )
    assert.isNull(organizationTags(defaultTagFormats, org({ pimsCustomerCode: null })).customerCode)
  })

  it("recognises customer-code tags in any casing, and nothing else", () => {
    assert.isTrue(isCustomerCodeTag(defaultTagFormats, "PIMS-CUSTOMER:C42"))
    assert.isFalse(isCustomerCodeTag(defaultTagFormats, "pims-name:C42"))
    assert.isFalse(isCustomerCodeTag(defaultTagFormats, "pims-customer:"))
    assert.strictEqual(customerCodeOf(defaultTagFormats, "Pims-Customer:c42"), "c42")
    assert.deepStrictEqual(
      otherCustomerCodes(
        defaultTagFormats,
        ["vip", "PIMS-CUSTOMER:c42", "pims-customer:C7"],
        "pims-customer:C42"
      ),
      ["pims-customer:C7"]
    )
  })

  it("formats that cannot work are explained", () => {
    assert.isUndefined(tagFormatsProblem(defaultTagFormats))
    assert.strictEqual(
      tagFormatsProblem({ ...defaultTagFormats, customerCode: "{value}" })?.path,
      "tagFormats.customerCode"
    )
    assert.strictEqual(
      tagFormatsProblem({
        ...defaultTagFormats,
        customerCode: "pims:{value}",
        customerName: "pims:name:{value}"
      })?.path,
      "tagFormats.customerName"
    )
    // A bare name tag "code-X" would read as a customer code.
    assert.strictEqual(
      tagFormatsProblem({ customerCode: "code-{value}", customerName: "{value}", priceCode: "price-{value}" })
        ?.path,
      "tagFormats.customerName"
    )
    assert.isUndefined(
      tagFormatsProblem({
        customerCode: "{value}@pims",
        customerName: "{value} (name)",
        priceCode: "{value} (price)"
      })
    )
  })

  it("the status mapping of notes/shopify.md", () => {
    const code = "pims-customer:C42"
    const customer = (state: "DISABLED" | "INVITED" | "ENABLED" | "DECLINED", tags: Array<string>) =>
      Option.some({ state, tags })
    assert.strictEqual(eshopStatusOf(Option.none(), code), "no_account")
    assert.strictEqual(eshopStatusOf(customer("ENABLED", ["vip"]), code), "inactive")
    assert.strictEqual(eshopStatusOf(customer("ENABLED", ["pims-customer:C7"]), code), "inactive")
    for (const state of ["DISABLED", "INVITED", "DECLINED"] as const) {
      assert.strictEqual(eshopStatusOf(customer(state, ["PIMS-customer:c42"]), code), "invited")
    }
    assert.strictEqual(eshopStatusOf(customer("ENABLED", [code]), code), "active")
    assert.strictEqual(eshopStatusOf(customer("ENABLED", [code]), null), "inactive")
  })

  it("property: a rendered tag never splits, is trimmed, at most 255 code points, and reads back its code", () =>
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" }), (value) => {
        const tag = renderTag(defaultTagFormats.customerCode, value)
        assert.notInclude(tag, ",")
        assert.strictEqual(tag, tag.trim())
        assert.isAtMost(Array.from(tag).length, 255)
        assert.isTrue(tag.startsWith("pims-customer:"))
        const code = value.replaceAll(",", " ").replace(/\s+/gu, " ").trim()
        if (code !== "" && Array.from(code).length <= 200) {
          assert.strictEqual(customerCodeOf(defaultTagFormats, tag), code)
        }
      }),
      { numRuns: 500 }
    ))
})
