import { assert, describe, it } from "@effect/vitest"
import type { Email, PresetName } from "@gatehouse/domain"
import {
  emailVerificationMessage,
  passwordResetMessage,
  renderEmailVerification,
  renderPasswordReset
} from "../src/index.ts"

const PRESETS: ReadonlyArray<PresetName> = ["weevio", "wetrack", "weavestream", "puqcloud"]
const content = {
  tenantName: "Northwind",
  recipientName: "Ada",
  link: "https://gatehouse.example.com/password-reset#token=abc.def",
  expiresAt: new Date("2026-03-01T17:05:59.999Z")
}

describe("recovery templates", () => {
  for (const [name, render] of [
    ["password reset", renderPasswordReset],
    ["email verification", renderEmailVerification]
  ] as const) {
    it(`${name}: each preset has its own subject; both bodies carry greeting, tenant, link and expiry`, () => {
      const subjects = new Set<string>()
      for (const preset of PRESETS) {
        const mail = render(preset, content)
        subjects.add(mail.subject)
        assert.include(mail.subject, "Northwind")
        for (const body of [mail.text, mail.html]) {
          assert.include(body, "Hello Ada,")
          assert.include(body, content.link)
          assert.include(body, "2026-03-01 17:05 UTC")
          assert.include(body, "works once")
        }
        assert.include(mail.html, `href="${content.link}"`)
      }
      assert.strictEqual(subjects.size, PRESETS.length)
    })

    it(`${name}: every value reaching the HTML is escaped; a non-web link is never an href`, () => {
      const mail = render("weevio", {
        ...content,
        tenantName: "<script>alert(1)</script>",
        recipientName: `"Ada" & <b>`,
        link: "javascript:alert(1)"
      })
      assert.notInclude(mail.html, "<script>")
      assert.notInclude(mail.html, "<b>")
      assert.notInclude(mail.html, 'href="javascript:')
      assert.include(mail.text, "<script>alert(1)</script>")
    })
  }

  it("the reset email of weavestream says the authenticator stays (a reset never removes TOTP)", () => {
    assert.include(renderPasswordReset("weavestream", content).text, "authenticator app")
  })

  it("the builders address the user and follow the tenant's preset", () => {
    const tenant = { name: "Northwind", preset: "wetrack" as const }
    const user = { email: "ada@northwind.test" as Email, firstName: "Ada" }
    const reset = passwordResetMessage(tenant, user, content.link, content.expiresAt)
    assert.strictEqual(reset.to, user.email)
    assert.strictEqual(reset.subject, renderPasswordReset("wetrack", content).subject)
    const verify = emailVerificationMessage(tenant, user, content.link, content.expiresAt)
    assert.strictEqual(verify.subject, renderEmailVerification("wetrack", content).subject)
  })
})
