import { assert, describe, it } from "@effect/vitest"
import {
  compareOrganizations,
  encodeCursor,
  isAfterOrganizationCursor,
  type OrganizationId,
  organizationNameKey,
  parseCursor
} from "@gatehouse/domain"
import fc from "fast-check"

const named = (name: string, id = "00000000-0000-7000-8000-000000000000") => ({
  id: id as OrganizationId,
  name
})

// PostgreSQL's COLLATE "C" compares the UTF-8 bytes.
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))

const anOrganization = fc.record({
  id: fc.uuid().map((id) => id as OrganizationId),
  // Full Unicode, surrogate pairs included; no lone surrogates (neither store can hold one as text).
  name: fc.string({ unit: "grapheme", maxLength: 12 })
})

describe("the organizations' list order", () => {
  it("known answers: lower-cased name by code point, not by locale nor by UTF-16 unit, then id", () => {
    const sorted = ["ｚebra", "𝔄ngle", "Émile", "Zulu", "alpha", "Alpha"].map((name, i) =>
      named(name, `00000000-0000-7000-8000-00000000000${9 - i}`)
    )
    sorted.sort(compareOrganizations)
    assert.deepStrictEqual(
      sorted.map((o) => o.name),
      ["Alpha", "alpha", "Zulu", "Émile", "ｚebra", "𝔄ngle"]
    )
    assert.strictEqual(organizationNameKey({ name: "ẞtraße" }), "ßtraße")
  })

  it('is UTF-8 byte order of the name key, then of the id (what the SQL store\'s COLLATE "C" does)', () => {
    fc.assert(
      fc.property(anOrganization, anOrganization, (a, b) => {
        const expected = utf8Order(organizationNameKey(a), organizationNameKey(b)) || utf8Order(a.id, b.id)
        assert.strictEqual(Math.sign(compareOrganizations(a, b)), Math.sign(expected))
      }),
      { numRuns: 500 }
    )
  })

  it("a row is after a cursor exactly when it sorts after the cursor's row, the cursor round-tripped", () => {
    fc.assert(
      fc.property(anOrganization, anOrganization, (row, last) => {
        const position = parseCursor(encodeCursor({ key: organizationNameKey(last), id: last.id }))
        // A name with a control character makes no cursor (the schema refuses it); nothing to compare then.
        fc.pre(position !== undefined)
        assert.strictEqual(isAfterOrganizationCursor(row, position), compareOrganizations(row, last) > 0)
      }),
      { numRuns: 500 }
    )
  })
})
