import { assert, describe, it } from "@effect/vitest"
import { OrganizationSlug, slugFromName } from "@gatehouse/domain"
import { Schema } from "effect"
import fc from "fast-check"
import { slugCandidate } from "../../src/rules/organizationSlug.ts"

const isSlug = Schema.is(OrganizationSlug)

describe("slugFromName", () => {
  it("known answers", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["Acme Dental", "acme-dental"],
      ["  ACME -- Dental!! ", "acme-dental"],
      ["Crème Brûlée & Co.", "creme-brulee-co"],
      ["Ünïcødé — Großhandel", "unic-de-gro-handel"],
      ["株式会社", "organization"],
      ["", "organization"],
      ["1-800 Flowers", "1-800-flowers"]
    ]
    for (const [name, slug] of cases) assert.strictEqual(slugFromName(name), slug, name)
  })

  it("any name gives a valid slug that leaves room for any suffix, and a slug is its own slug", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.integer({ min: 1, max: 9_999_999 }),
        (name, n) => {
          const slug = slugFromName(name)
          assert.isTrue(isSlug(slug), `${JSON.stringify(name)} -> ${slug}`)
          assert.isTrue(isSlug(slugCandidate(slug, n)), `${slug} #${n}`)
          assert.strictEqual(slugFromName(slug), slug)
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("candidates are distinct: base, base-2, base-3 ...", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const base = slugFromName(name)
        const candidates = Array.from({ length: 50 }, (_, i) => slugCandidate(base, i + 1))
        assert.strictEqual(new Set(candidates).size, 50)
        assert.strictEqual(candidates[0], base)
        assert.strictEqual(candidates[1], `${base}-2`)
      })
    )
  })
})
