import { assert, describe, it } from "@effect/vitest"
import { type ImportFailed, importUsers, UserRepository } from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { followSetupLink } from "../users/setupMail.ts"
import { failsUnchanged, provide, seedActor, seedRole, snapshot } from "../users/support.ts"
import {
  csvRow,
  csvRows,
  invitationsOf,
  seedNamedDepartment,
  seedNamedGroup,
  theUser,
  userByEmail
} from "./support.ts"

const wetrack = () => seedTenant({ preset: "wetrack" })

describe("importUsers: validation and modes", () => {
  it.effect("a dry run validates every row and reports what the same call would do, writing nothing", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* wetrack()
      const rows = [...csvRows(3), csvRow({ Email: "not an email" }, 4)]
      const before = yield* snapshot
      const partial = yield* importUsers(adminActor, rows, { dryRun: true, mode: "partial" })
      const all = yield* importUsers(adminActor, rows, { dryRun: true })
      assert.deepStrictEqual(yield* snapshot, before)
      const failed = [{ row: 4, errors: [{ path: "Email", message: "Invalid email address" }] }]
      assert.deepStrictEqual(partial, {
        created: 3,
        updated: 0,
        failed,
        failedRows: 1,
        dryRun: true,
        emailsSent: 0,
        emailsFailed: 0
      })
      // all-or-nothing with a failing row would create nothing: the dry run says so, and does not fail
      assert.strictEqual(all.created, 0)
      assert.deepStrictEqual(all.failed, failed)
    }).pipe(provide)
  )

  it.effect("mode all: one bad row fails ImportFailed with the report and leaves no trace at all", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* wetrack()
      const rows = [...csvRows(5), csvRow({ Role: "Nope" }, 6), ...csvRows(5, 7)]
      const error = (yield* failsUnchanged(importUsers(adminActor, rows))) as ImportFailed
      assert.strictEqual(error._tag, "ImportFailed")
      assert.deepStrictEqual(error.report, {
        created: 0,
        updated: 0,
        failed: [{ row: 6, errors: [{ path: "Role", message: "Unknown role: Nope" }] }],
        failedRows: 1
      })
    }).pipe(provide)
  )

  it.effect(
    "mode partial writes exactly the valid rows: pending users, one invitation and one email each",
    () =>
      Effect.gen(function* () {
        const { tenant, admin, adminActor } = yield* wetrack()
        const rows = [
          csvRow({}, 1),
          csvRow({ "First name": "" }, 2),
          csvRow({}, 3),
          csvRow({ Phone: "12" }, 4)
        ]
        const auditBefore = (yield* snapshot).get(memory.tables.Audit).length
        const result = yield* importUsers(adminActor, rows, { mode: "partial" })
        assert.strictEqual(result.created, 2)
        assert.strictEqual(result.emailsSent, 2)
        assert.strictEqual(result.emailsFailed, 0)
        assert.deepStrictEqual(
          result.failed.map((f) => [f.row, f.errors.map((e) => e.path)]),
          [
            [2, ["firstName"]],
            [4, ["Phone"]]
          ]
        )
        for (const n of [1, 3]) {
          const user = yield* theUser(tenant, `person${n}@example.com`)
          assert.strictEqual(user.status, "pending")
          assert.isNull(user.passwordHash)
          assert.strictEqual(user.role, "General")
          assert.strictEqual(user.firstName, `First${n}`)
          const invitations = yield* invitationsOf(user)
          assert.deepStrictEqual(
            invitations.map((i) => i.state),
            ["pending"]
          )
        }
        for (const n of [2, 4])
          assert.isTrue(Option.isNone(yield* userByEmail(tenant, `person${n}@example.com`)))
        const outbox = yield* memory.Mailer.outbox
        assert.deepStrictEqual(outbox.map((m) => m.to).sort(), ["person1@example.com", "person3@example.com"])
        const events = (yield* snapshot).get(memory.tables.Audit).slice(auditBefore)
        assert.deepStrictEqual(
          events.map((e) => [e.action, e.actorId, e.details]),
          [
            [
              "users.imported",
              admin.id,
              { mode: "partial", rows: 4, created: 2, failedRows: 2, invitationsIssued: 2 }
            ]
          ]
        )
      }).pipe(provide)
  )

  it.effect(
    "an email repeated in the file, in any casing, fails its later rows; one the tenant has fails too",
    () =>
      Effect.gen(function* () {
        const { tenant, admin, adminActor } = yield* wetrack()
        const rows = [
          csvRow({ Email: "Same@Example.com" }, 1),
          csvRow({ Email: "  same@example.COM " }, 2),
          csvRow({ Email: admin.email.toUpperCase() }, 3),
          csvRow({ Email: "same@example.com", Role: "Nope" }, 4),
          csvRow({}, 5)
        ]
        const result = yield* importUsers(adminActor, rows, { mode: "partial" })
        assert.deepStrictEqual(result.failed, [
          { row: 2, errors: [{ path: "Email", message: "The same email as row 1" }] },
          { row: 3, errors: [{ path: "Email", message: "A user with this email already exists" }] },
          {
            row: 4,
            errors: [
              { path: "Role", message: "Unknown role: Nope" },
              { path: "Email", message: "The same email as row 1" }
            ]
          }
        ])
        assert.strictEqual(result.created, 2)
        assert.strictEqual((yield* theUser(tenant, "same@example.com")).firstName, "First1")
      }).pipe(provide)
  )

  it.effect("required fields missing and values the domain Schemas refuse are reported per field", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* wetrack()
      const result = yield* importUsers(
        adminActor,
        [{ email: "a@example.com" }, { ...csvRow({}, 2), Language: "english!" }, 42],
        { dryRun: true, mode: "partial" }
      )
      assert.deepStrictEqual(result.failed, [
        {
          row: 1,
          errors: [
            { path: "firstName", message: "Required" },
            { path: "lastName", message: "Required" },
            { path: "role", message: "Required" }
          ]
        },
        { row: 2, errors: [{ path: "Language", message: "Expected a BCP 47 language tag" }] },
        { row: 3, errors: [{ path: "", message: "Expected an object with one user's fields" }] }
      ])
    }).pipe(provide)
  )
})

describe("importUsers: names, mapping and rules", () => {
  it.effect(
    "roles, departments and groups by name in any casing; groups split by ';' or '|', or a JSON array",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* wetrack()
        const sales = yield* seedNamedDepartment(tenant, "Sales")
        const north = yield* seedNamedGroup(tenant, "North")
        const south = yield* seedNamedGroup(tenant, "South Team")
        const east = yield* seedNamedGroup(tenant, "East")
        const result = yield* importUsers(adminActor, [
          csvRow({ Role: "user admin", Department: "SALES", Groups: "north; South Team | east" }, 1),
          {
            email: "json@example.com",
            firstName: "J",
            lastName: "S",
            role: "Admin",
            groups: ["south team", "North"]
          },
          csvRow({ Groups: " ; " }, 3)
        ])
        assert.strictEqual(result.created, 3)
        const first = yield* theUser(tenant, "person1@example.com")
        assert.strictEqual(first.role, "User Admin")
        assert.strictEqual(first.departmentId, sales.id)
        assert.deepStrictEqual([...first.groupIds].sort(), [north.id, south.id, east.id].sort())
        const json = yield* theUser(tenant, "json@example.com")
        assert.strictEqual(json.role, "Admin")
        assert.isNull(json.departmentId)
        assert.deepStrictEqual([...json.groupIds].sort(), [north.id, south.id].sort())
        assert.deepStrictEqual((yield* theUser(tenant, "person3@example.com")).groupIds, [])
      }).pipe(provide)
  )

  it.effect("an unknown role, department or group fails the row, naming it", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* wetrack()
      yield* seedNamedGroup(tenant, "North")
      const result = yield* importUsers(
        adminActor,
        [csvRow({ Role: "Boss", Department: "Nowhere", Groups: "North;Ghosts" }, 1)],
        { dryRun: true, mode: "partial" }
      )
      assert.deepStrictEqual(result.failed, [
        {
          row: 1,
          errors: [
            { path: "Role", message: "Unknown role: Boss" },
            { path: "Department", message: "Unknown department: Nowhere" },
            { path: "Groups", message: "Unknown group: Ghosts" }
          ]
        }
      ])
    }).pipe(provide)
  )

  it.effect(
    "a mapping names the fields; a column mapped to null is ignored; an unmapped column fails the row",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* wetrack()
        const mapping = {
          Mail: "email",
          Vorname: "firstName",
          Nachname: "lastName",
          Rolle: "role",
          Notiz: null
        } as const
        const row = {
          Mail: "mapped@example.com",
          Vorname: "Anna",
          Nachname: "Berg",
          Rolle: "General",
          Notiz: "x"
        }
        const result = yield* importUsers(
          adminActor,
          [row, { ...row, Mail: "other@example.com", Extra: "?" }],
          {
            mode: "partial",
            mapping
          }
        )
        assert.strictEqual(result.created, 1)
        assert.strictEqual((yield* theUser(tenant, "mapped@example.com")).lastName, "Berg")
        assert.deepStrictEqual(result.failed, [
          {
            row: 2,
            errors: [{ path: "Extra", message: "Unknown column: map it to a field, or to null to ignore it" }]
          }
        ])
        const bad = yield* Effect.flip(
          importUsers(adminActor, [row], { mapping: { Mail: "password" } as never })
        )
        assert.strictEqual(bad._tag, "InvalidInput")
      }).pipe(provide)
  )

  it.effect(
    "a role holding a permission the actor lacks fails its row (rule 4); the others are imported",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* wetrack()
        // wetrack's Admin manages people but holds neither users:roles nor users:delete
        const { actor } = yield* seedActor(tenant, { role: "Admin" as never })
        const result = yield* importUsers(
          actor,
          [csvRow({ Role: "User Admin" }, 1), csvRow({ Role: "Admin" }, 2), csvRow({}, 3)],
          { mode: "partial" }
        )
        assert.strictEqual(result.created, 2)
        assert.strictEqual(result.failed.length, 1)
        assert.strictEqual(result.failed[0]!.row, 1)
        assert.match(
          result.failed[0]!.errors[0]!.message,
          /cannot grant the role User Admin: it holds .*users:roles/u
        )
        assert.isTrue(Option.isNone(yield* userByEmail(tenant, "person1@example.com")))
      }).pipe(provide)
  )

  it.effect("needs users:write or users:invite: a General user is Forbidden, an inviter may import", () =>
    Effect.gen(function* () {
      const { tenant } = yield* wetrack()
      const { actor: general } = yield* seedActor(tenant, { role: "General" as never })
      assert.strictEqual((yield* failsUnchanged(importUsers(general, csvRows(1))))._tag, "Forbidden")
      yield* seedRole(tenant, "Inviter", ["users:invite"])
      const { actor: inviter } = yield* seedActor(tenant, { role: "Inviter" as never })
      assert.strictEqual((yield* importUsers(inviter, csvRows(2))).created, 2)
    }).pipe(provide)
  )

  it.effect("an imported user follows the emailed link and becomes active", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* wetrack()
      yield* importUsers(adminActor, csvRows(1))
      const [mail] = yield* memory.Mailer.outbox
      const link = /https?:\/\/\S+\/setup#token=\S+/u.exec(mail!.text)?.[0]
      assert.isDefined(link)
      yield* followSetupLink(link!)
      assert.strictEqual((yield* theUser(tenant, "person1@example.com")).status, "active")
    }).pipe(provide)
  )
})

describe("importUsers: sources and scale", () => {
  it.effect(
    "10,000 rows from a generator, read twice in batches: every user stored, invited and emailed once",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* wetrack()
        let reads = 0
        const rows = function* () {
          reads++
          for (let n = 1; n <= 10_000; n++) yield csvRow({}, n)
        }
        const result = yield* importUsers(adminActor, rows)
        assert.strictEqual(reads, 2)
        assert.strictEqual(result.created, 10_000)
        assert.strictEqual(result.emailsSent, 10_000)
        const state = yield* snapshot
        assert.strictEqual(
          [...state.get(memory.tables.Users).values()].filter((u) => u.status === "pending").length,
          10_000
        )
        assert.strictEqual((yield* memory.Mailer.outbox).length, 10_000)
        const listed = yield* (yield* UserRepository).list(tenant.id, {
          sort: "email",
          limit: 1,
          status: "pending"
        })
        assert.strictEqual(listed.total, 10_000)
      }).pipe(provide),
    // about two seconds here; 100,000 rows are importScale.test.ts
    60_000
  )

  it.effect("an async source works the same; one that throws is InvalidInput with its message", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* wetrack()
      const rows = async function* () {
        yield csvRow({}, 1)
        yield csvRow({}, 2)
      }
      assert.strictEqual((yield* importUsers(adminActor, rows)).created, 2)
      const broken = async function* () {
        yield csvRow({}, 3)
        throw new Error('Invalid Closing Quote: got "x" at line 3')
      }
      const error = yield* failsUnchanged(importUsers(adminActor, broken))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.deepStrictEqual(error._tag === "InvalidInput" ? error.errors : [], [
        { path: "rows", message: 'Invalid Closing Quote: got "x" at line 3' }
      ])
    }).pipe(provide)
  )

  it.effect("a source that reads differently the second time fails rather than write other rows", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* wetrack()
      let reads = 0
      const shifting = () => {
        reads++
        return reads === 1 ? csvRows(3) : csvRows(3, 2)
      }
      const error = (yield* failsUnchanged(importUsers(adminActor, shifting))) as ImportFailed
      assert.strictEqual(error._tag, "ImportFailed")
      assert.deepStrictEqual(error.report.failed[0]!.row, 1)
      let shorter = 0
      const shrinking = () => (++shorter === 1 ? csvRows(3) : csvRows(2))
      assert.strictEqual((yield* failsUnchanged(importUsers(adminActor, shrinking)))._tag, "InvalidInput")
    }).pipe(provide)
  )

  it.effect(
    "an email taken between the passes: all fails naming its row and writes nothing; partial skips it",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* wetrack()
        const users = yield* UserRepository
        // The validation pass misses the user created meanwhile; the store's unique email catches it.
        const blind = UserRepository.of({ ...users, existingEmails: () => Effect.succeed(new Set()) })
        const existing = yield* seedActor(tenant, { email: "person2@example.com" as never })
        const taken = [
          { row: 2, errors: [{ path: "Email", message: "A user with this email already exists" }] }
        ]
        const error = (yield* failsUnchanged(
          importUsers(adminActor, csvRows(3)).pipe(Effect.provideService(UserRepository, blind))
        )) as ImportFailed
        assert.strictEqual(error._tag, "ImportFailed")
        assert.deepStrictEqual(error.report.failed, taken)
        const partial = yield* importUsers(adminActor, csvRows(3), { mode: "partial" }).pipe(
          Effect.provideService(UserRepository, blind)
        )
        assert.deepStrictEqual([partial.created, partial.failed, partial.emailsSent], [2, taken, 2])
        assert.strictEqual((yield* theUser(tenant, "person2@example.com")).id, existing.user.id)
        for (const n of [1, 3])
          assert.strictEqual((yield* theUser(tenant, `person${n}@example.com`)).status, "pending")
      }).pipe(provide)
  )
})

describe("importUsers: the Active and Kind columns (002)", () => {
  it.effect(
    "Active no imports the user disabled and uninvited (enabled, they are pending); Kind sets external; bad cells fail the row",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* wetrack()
        const rows = [
          csvRow({ Active: "No", Kind: "External" }, 1),
          csvRow({ Active: "yes", Kind: "employee" }, 2),
          csvRow({}, 3),
          csvRow({ Active: "sometimes", Kind: "contractor" }, 4)
        ]
        const report = yield* importUsers(adminActor, rows, { mode: "partial" })
        assert.strictEqual(report.created, 3)
        assert.strictEqual(report.emailsSent, 2)
        assert.deepStrictEqual(
          report.failed.map((f) => [f.row, f.errors.map((e) => e.path)]),
          [[4, ["Active", "Kind"]]]
        )
        const off = yield* theUser(tenant, "person1@example.com")
        assert.deepStrictEqual([off.status, off.kind, off.awaitingSetup], ["disabled", "external", true])
        assert.lengthOf(yield* invitationsOf(off), 0)
        for (const n of [2, 3]) {
          const on = yield* theUser(tenant, `person${n}@example.com`)
          assert.deepStrictEqual([on.status, on.kind], ["pending", "employee"])
          assert.lengthOf(yield* invitationsOf(on), 1)
        }
        assert.isTrue(Option.isNone(yield* userByEmail(tenant, "person4@example.com")))
        const outbox = yield* memory.Mailer.outbox
        assert.deepStrictEqual(outbox.map((m) => m.to).sort(), ["person2@example.com", "person3@example.com"])
      }).pipe(provide)
  )
})
