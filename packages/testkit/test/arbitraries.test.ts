import { assert, describe, it } from "@effect/vitest"
import {
  type DepartmentId,
  Email,
  type GroupId,
  Language,
  PersonName,
  PhoneNumber,
  PlainPassword,
  presets,
  RoleName,
  type TenantId,
  TenantSlug,
  User
} from "@gatehouse/domain"
import { Redacted, Schema } from "effect"
import fc from "fast-check"
import { anId, arbitraries } from "../src/index.ts"

/** Decodes with the domain Schema; a rejected value fails the property with the Schema's message. */
const decode =
  <S extends Schema.Decoder<unknown>>(schema: S) =>
  (value: unknown): S["Type"] =>
    Schema.decodeUnknownSync(schema)(value)

const nonAscii = /[^ -~]/u
const tenantId = anId<TenantId>()

describe("arbitraries", () => {
  it("email: normalised addresses the Email Schema accepts unchanged", () => {
    fc.assert(fc.property(arbitraries.email, (email) => assert.strictEqual(decode(Email)(email), email)))
  })

  it("emailWithSpellings: every casing and whitespace variant decodes to the one address", () => {
    fc.assert(
      fc.property(arbitraries.emailWithSpellings(), ({ email, spellings }) => {
        assert.isAtLeast(spellings.length, 2)
        for (const spelling of spellings) assert.strictEqual(decode(Email)(spelling), email)
      })
    )
    // The variants really vary: some differ from the address in casing, some in whitespace.
    const samples = fc
      .sample(arbitraries.emailWithSpellings(), 100)
      .flatMap((s) => s.spellings.map((x) => [s, x] as const))
    assert.isTrue(samples.some(([s, x]) => x.trim() !== s.email && x.trim().toLowerCase() === s.email))
    assert.isTrue(samples.some(([, x]) => x !== x.trim()))
  })

  it("phone: E.164 numbers the PhoneNumber Schema accepts", () => {
    fc.assert(
      fc.property(arbitraries.phone, (phone) => assert.strictEqual(decode(PhoneNumber)(phone), phone))
    )
    assert.isAbove(new Set(fc.sample(arbitraries.phone, 50)).size, 25)
  })

  it("language: canonical BCP 47 tags the Language Schema accepts", () => {
    fc.assert(fc.property(arbitraries.language, (tag) => assert.strictEqual(decode(Language)(tag), tag)))
    assert.isTrue(fc.sample(arbitraries.language, 200).some((tag) => tag.split("-").length === 3))
  })

  it("personName: trimmed names of 1 to 100 characters, often non-ASCII", () => {
    fc.assert(
      fc.property(arbitraries.personName, (name) => assert.strictEqual(decode(PersonName)(name), name))
    )
    assert.isAbove(fc.sample(arbitraries.personName, 200).filter((n) => nonAscii.test(n)).length, 20)
  })

  it("roleName: the preset's role names of the scope, which RoleName accepts", () => {
    for (const preset of ["weevio", "wetrack", "weavestream", "puqcloud"] as const) {
      const names = presets[preset].roles.filter((r) => r.scope === "tenant").map((r) => r.name)
      fc.assert(
        fc.property(arbitraries.roleName(preset), (name) => {
          assert.include(names, name)
          assert.strictEqual(decode(RoleName)(name), name)
        })
      )
    }
  })

  it("password: any Unicode within the limit, which PlainPassword accepts exactly as typed", () => {
    fc.assert(
      fc.property(arbitraries.password({ maxCodePoints: 1024 }), (password) => {
        assert.isAtMost([...password].length, 1024)
        assert.strictEqual(Redacted.value(decode(PlainPassword)(password)), password)
      }),
      { numRuns: 50 }
    )
    const samples = fc.sample(arbitraries.password(), 300)
    assert.isTrue(
      samples.some((p) => /[\u{10000}-\u{10ffff}]/u.test(p)),
      "astral code points"
    )
    assert.isTrue(
      samples.some((p) => p !== p.trim()),
      "surrounding whitespace"
    )
  })

  it("user: users of the tenant that the User Schema accepts, with the given groups and departments", () => {
    const groupIds = [anId<GroupId>(), anId<GroupId>()]
    const departmentIds = [anId<DepartmentId>()]
    fc.assert(
      fc.property(arbitraries.user(tenantId, { preset: "wetrack", groupIds, departmentIds }), (user) => {
        assert.deepStrictEqual(decode(User)(user), user)
        assert.strictEqual(user.tenantId, tenantId)
        for (const id of user.groupIds) assert.include(groupIds, id)
        assert.isTrue(user.departmentId === null || departmentIds.includes(user.departmentId))
      })
    )
    const samples = fc.sample(arbitraries.user(tenantId), 200)
    assert.strictEqual(new Set(samples.map((u) => u.id)).size, samples.length, "fresh ids")
    assert.isTrue(samples.some((u) => u.lastLoginAt === null) && samples.some((u) => u.lastLoginAt !== null))
    assert.strictEqual(new Set(samples.map((u) => u.status)).size, 4)
  })

  it("users: distinct emails within the tenant", () => {
    fc.assert(
      fc.property(arbitraries.users(tenantId, { maxLength: 30 }), (users) => {
        assert.strictEqual(new Set(users.map((u) => u.email)).size, users.length)
      })
    )
  })

  it("fromSchema: values derived from a Schema by effect's Arbitrary, deterministic per seed", () => {
    const slugs = arbitraries.fromSchema(TenantSlug)
    fc.assert(fc.property(slugs, (slug) => assert.strictEqual(decode(TenantSlug)(slug), slug)))
    assert.deepStrictEqual(
      fc.sample(slugs, { seed: 42, numRuns: 5 }),
      fc.sample(slugs, { seed: 42, numRuns: 5 })
    )
  })
})
