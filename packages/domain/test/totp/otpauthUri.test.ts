import { assert, describe, it } from "@effect/vitest"
import { decodeBase32 } from "@gatehouse/domain"
import { Effect } from "effect"
import { otpauthUri } from "../../src/totp/index.ts"

const secret = new TextEncoder().encode("12345678901234567890")

describe("otpauthUri", () => {
  it("writes the Key URI with every parameter, SHA1/6/30 by default", () => {
    assert.strictEqual(
      otpauthUri({ secret, issuer: "Example", account: "alice@example.com" }),
      "otpauth://totp/Example:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" +
        "&issuer=Example&algorithm=SHA1&digits=6&period=30"
    )
  })

  it("percent-encodes an issuer with spaces (%20, not +) and an email with +", () => {
    const uri = otpauthUri({ secret, issuer: "ACME Co & Sons", account: "bob+mfa@example.com" })
    assert.isTrue(uri.startsWith("otpauth://totp/ACME%20Co%20%26%20Sons:bob%2Bmfa%40example.com?"))
    assert.include(uri, "&issuer=ACME%20Co%20%26%20Sons&")
    assert.notInclude(uri, "+")
    assert.notInclude(uri, " ")
  })

  it.effect("parses back with a standard URL parser to the same values", () =>
    Effect.gen(function* () {
      const uri = otpauthUri({
        secret,
        issuer: "ACME Co",
        account: "bob+mfa@example.com",
        algorithm: "SHA256",
        digits: 8,
        period: 60
      })
      const url = new URL(uri)
      assert.strictEqual(url.protocol, "otpauth:")
      assert.strictEqual(url.host, "totp")
      assert.strictEqual(decodeURIComponent(url.pathname.slice(1)), "ACME Co:bob+mfa@example.com")
      assert.strictEqual(url.searchParams.get("issuer"), "ACME Co")
      assert.strictEqual(url.searchParams.get("algorithm"), "SHA256")
      assert.strictEqual(url.searchParams.get("digits"), "8")
      assert.strictEqual(url.searchParams.get("period"), "60")
      assert.deepStrictEqual(yield* decodeBase32(url.searchParams.get("secret")!), secret)
    })
  )

  it("a colon in the issuer or account is escaped, so the label splits once", () => {
    const uri = otpauthUri({ secret, issuer: "A:B", account: "c@d.e" })
    const label = new URL(uri).pathname.slice(1)
    assert.strictEqual(label.split(":").length, 2)
    assert.strictEqual(label, "A%3AB:c%40d.e")
  })
})
