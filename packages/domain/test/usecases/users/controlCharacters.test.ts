import { assert, describe, it } from "@effect/vitest"
import {
  AdminNotes,
  addMember,
  createDepartment,
  createGroup,
  createOrganization,
  createUser,
  type Email,
  Group,
  GroupName,
  Organization,
  OrganizationName,
  PersonName,
  type RoleName,
  updateUser
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Schema } from "effect"
import fc from "fast-check"
import { failsUnchanged, provide, seedOrganization } from "./support.ts"

// PostgreSQL `text` cannot store U+0000; the other C0 controls and DEL have no place in a name either.
const CONTROLS = [...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)), "\u007f"]
const LINE_BREAKS_AND_TAB = ["\t", "\n", "\r"]
const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).padStart(4, "0")}`

const ONE_LINE = {
  PersonName,
  OrganizationName,
  ExternalCode: Organization.fields.pimsCustomerCode,
  GroupName
} as const
const FREE_TEXT = { AdminNotes, GroupDescription: Group.fields.description } as const

const accepts = (schema: Schema.Top, value: string) => Schema.is(schema as Schema.Codec<unknown>)(value)

describe("text fields refuse control characters (PostgreSQL text cannot hold NUL)", () => {
  it("one-line fields (names, codes) refuse every C0 control and DEL, inside or alone", () => {
    for (const [name, schema] of Object.entries(ONE_LINE)) {
      assert.isTrue(accepts(schema, "Zoë O'Brien-Łukasz 株式会社"), name)
      for (const c of CONTROLS) assert.isFalse(accepts(schema, `Ada${c}Lovelace`), `${name} ${hex(c)}`)
    }
  })

  it("free text (admin notes, group descriptions) keeps tab and line breaks, refuses the rest", () => {
    for (const [name, schema] of Object.entries(FREE_TEXT)) {
      assert.isTrue(accepts(schema, "first line\r\nsecond\tline\n"), name)
      for (const c of CONTROLS) {
        assert.strictEqual(
          accepts(schema, `note${c}note`),
          LINE_BREAKS_AND_TAB.includes(c),
          `${name} ${hex(c)}`
        )
      }
    }
  })

  it("the message says why, for the HTTP layer's 400 VALIDATION body", () => {
    const result = Schema.decodeUnknownExit(PersonName)("Ada\u0000")
    assert.isTrue(result._tag === "Failure")
    assert.include(String(result), "control characters")
  })

  it("the JSON Schema keeps the rule (a pattern with the u flag), so the route schema refuses too", () => {
    const document = Schema.toJsonSchemaDocument(PersonName)
    const patterns = JSON.stringify(document).match(/"pattern":"((?:[^"\\]|\\.)*)"/gu) ?? []
    const compiled = patterns.map((p) => new RegExp(JSON.parse(`{${p}}`).pattern as string, "u"))
    assert.isTrue(
      compiled.some((re) => !re.test("Ada\u0000") && re.test("Ada")),
      JSON.stringify(document)
    )
  })

  it("property: any printable text passes where a control character anywhere fails", async () => {
    const printable = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).filter(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test
      (s) => !/[\u0000-\u001f\u007f]/u.test(s)
    )
    await fc.assert(
      fc.property(printable, fc.constantFrom(...CONTROLS), fc.nat(), (text, control, at) => {
        const i = at % (text.length + 1)
        const spiked = `${text.slice(0, i)}${control}${text.slice(i)}`
        const notes = accepts(AdminNotes, spiked) === LINE_BREAKS_AND_TAB.includes(control)
        return accepts(AdminNotes, text) && !accepts(ONE_LINE.OrganizationName, `x${spiked}x`) && notes
      }),
      { numRuns: 300 }
    )
  })
})

describe("the use cases answer InvalidInput (never a defect), naming the field", () => {
  it.effect("createUser, updateUser and addMember", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const created = yield* failsUnchanged(
        createUser(adminActor, {
          email: "nul@example.com" as Email,
          firstName: "Ada\u0000",
          lastName: "Lovelace",
          role: "Regular" as RoleName,
          credential: { _tag: "Generate" }
        })
      )
      assert.strictEqual(created._tag, "InvalidInput")
      if (created._tag === "InvalidInput") assert.strictEqual(created.errors[0]?.path, "firstName")

      const user = yield* seedUser(tenant)
      for (const patch of [
        { lastName: "\u001b[31mred" },
        { adminNotes: "a\u0000b" },
        { displayName: "x\u007f" }
      ]) {
        const error = yield* failsUnchanged(updateUser(adminActor, user.id, patch, 1))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(patch))
        if (error._tag === "InvalidInput") assert.strictEqual(error.errors[0]?.path, Object.keys(patch)[0])
      }
      const noted = yield* updateUser(adminActor, user.id, { adminNotes: "line one\r\n\tline two" }, 1)
      assert.strictEqual(noted.adminNotes, "line one\r\n\tline two")

      const organization = yield* seedOrganization(tenant)
      const member = yield* failsUnchanged(
        addMember(adminActor, organization.id, {
          email: "m@example.com" as Email,
          firstName: "Mo",
          lastName: "Null\u0000",
          role: "Limited" as RoleName
        })
      )
      assert.strictEqual(member._tag, "InvalidInput")
    }).pipe(provide)
  )

  it.effect("createOrganization, createGroup and createDepartment", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const organization = yield* failsUnchanged(createOrganization(adminActor, { name: "Acme\u0000" }))
      assert.strictEqual(organization._tag, "InvalidInput")
      const code = yield* failsUnchanged(
        createOrganization(adminActor, { name: "Acme", pimsCustomerCode: "C\u00001" })
      )
      assert.strictEqual(code._tag, "InvalidInput")
      if (code._tag === "InvalidInput") assert.strictEqual(code.errors[0]?.path, "pimsCustomerCode")
      const group = yield* failsUnchanged(createGroup(adminActor, { name: "Ops\u0007" }))
      assert.strictEqual(group._tag, "InvalidInput")
      const department = yield* failsUnchanged(createDepartment(adminActor, { name: "Sales\u0000" }))
      assert.strictEqual(department._tag, "InvalidInput")
      const described = yield* createGroup(adminActor, { name: "Ops", description: "on call:\n\tnights" })
      assert.strictEqual(described.description, "on call:\n\tnights")
    }).pipe(provide)
  )
})
