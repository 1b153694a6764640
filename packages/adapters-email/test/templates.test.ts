import { assert, describe, it } from "@effect/vitest"
import type { PresetName } from "@gatehouse/domain"
import fc from "fast-check"
import { escapeHtml, renderInvitation } from "../src/index.ts"

const PRESETS: ReadonlyArray<PresetName> = ["weevio", "wetrack", "weavestream", "puqcloud"]
const LINK = "https://gatehouse.example.com/setup#token=abc.def"
const content = {
  tenantName: "Northwind",
  recipientName: "Ada",
  link: LINK,
  expiresAt: new Date("2026-03-01T17:05:59.999Z")
}

const decodeEntities = (html: string): string =>
  html
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")

describe("invitation templates", () => {
  it("each preset has its own subject, and every body carries the greeting, tenant, link and expiry", () => {
    const subjects = new Set<string>()
    for (const preset of PRESETS) {
      const mail = renderInvitation(preset, content)
      subjects.add(mail.subject)
      assert.include(mail.subject, "Northwind")
      for (const body of [mail.text, mail.html]) {
        assert.include(body, "Hello Ada,")
        assert.include(body, "Northwind")
        assert.include(body, LINK)
        assert.include(body, "2026-03-01 17:05 UTC")
      }
      assert.include(mail.html, `href="${LINK}"`)
    }
    assert.strictEqual(subjects.size, PRESETS.length)
    // weavestream enrols TOTP during setup: the email says so beforehand
    assert.include(renderInvitation("weavestream", content).text, "authenticator app")
    assert.notInclude(renderInvitation("weevio", content).text, "authenticator app")
  })

  it("names and tenant are escaped in the HTML; a link that is not http(s) is never an href", () => {
    const mail = renderInvitation("puqcloud", {
      ...content,
      tenantName: `<script>alert('x')</script>`,
      recipientName: `<img src=x onerror="steal()">`,
      link: "javascript:alert(1)"
    })
    assert.notInclude(mail.html, "<script")
    assert.notInclude(mail.html, "<img")
    assert.notInclude(mail.html, "href=")
    assert.include(mail.html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    assert.include(mail.html, "&lt;img src=x onerror=&quot;steal()&quot;&gt;")
  })

  it("escapeHtml leaves no markup character and reads back as the original text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const escaped = escapeHtml(text)
        assert.notMatch(escaped, /[<>"']/u)
        assert.strictEqual(decodeEntities(escaped), text)
      }),
      { numRuns: 500 }
    )
  })
})
