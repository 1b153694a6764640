import { assert, describe, it } from "@effect/vitest"
import {
  encodeCursor,
  type ListUsersQuery,
  listEvents,
  listMembers,
  listMemberships,
  listOrganizations,
  listUsers,
  login,
  putMyExternalCredentials,
  queryAudit
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { provide, seedOrganization } from "./support.ts"

// Issue 12, item 7: what reached PostgreSQL as a NUL (a 500) or as a cursor of another sort (a statement with a
// parameter too many: a 503) is InvalidInput in the use case, whichever adapter serves it.

const ID = "00000000-0000-4000-8000-000000000000"
const NUL = "a\u0000b"

const pathOf = (error: { readonly _tag: string }): string | undefined =>
  "errors" in error ? (error as { errors: ReadonlyArray<{ path: string }> }).errors[0]?.path : undefined

describe("filters and cursors the store cannot take are InvalidInput", () => {
  it.effect("a NUL in q of users, organizations and members; in action and target of the audit", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const failures = [
        yield* Effect.flip(listUsers(adminActor, { q: NUL })),
        yield* Effect.flip(listOrganizations(adminActor, { q: NUL })),
        yield* Effect.flip(listMembers(adminActor, organization.id, { q: NUL })),
        yield* Effect.flip(queryAudit(adminActor, { action: NUL })),
        yield* Effect.flip(queryAudit(adminActor, { targetId: NUL }))
      ]
      assert.deepStrictEqual(
        failures.map((e) => [e._tag, pathOf(e)]),
        [
          ["InvalidInput", "q"],
          ["InvalidInput", "q"],
          ["InvalidInput", "q"],
          ["InvalidInput", "action"],
          ["InvalidInput", "targetId"]
        ]
      )
      const fine = yield* listUsers(adminActor, { q: "Ada Lovelace" })
      assert.strictEqual(fine.total, 0)
    }).pipe(provide)
  )

  it.effect("a cursor whose key does not fit the sort, or carries a control character", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const cases: ReadonlyArray<readonly [NonNullable<ListUsersQuery["sort"]>, unknown]> = [
        ["created", "Ada Lovelace"],
        ["created", null],
        ["created", 1.5],
        ["created", 8.64e15],
        ["lastLogin", "Ada Lovelace"],
        ["lastLogin", -8.64e15],
        ["name", 1_700_000_000_000],
        ["email", null]
      ]
      for (const [sort, key] of cases) {
        const cursor = encodeCursor({ key: key as never, id: ID })
        const users = yield* Effect.flip(listUsers(adminActor, { sort, cursor }))
        assert.strictEqual(users._tag, "InvalidInput", `${sort} ${String(key)}`)
        const members = yield* Effect.flip(listMembers(adminActor, organization.id, { sort, cursor }))
        assert.strictEqual(members._tag, "InvalidInput", `members ${sort} ${String(key)}`)
      }
      for (const cursor of [encodeCursor({ key: "a\u0000", id: ID }), encodeCursor({ key: "a", id: NUL })]) {
        assert.strictEqual((yield* Effect.flip(listUsers(adminActor, { cursor })))._tag, "InvalidInput")
      }
      const organizations = yield* Effect.flip(
        listOrganizations(adminActor, { cursor: encodeCursor({ key: 5, id: ID }) })
      )
      assert.strictEqual(organizations._tag, "InvalidInput")
      const audit = yield* Effect.flip(queryAudit(adminActor, { cursor: encodeCursor({ key: "x", id: ID }) }))
      assert.strictEqual(audit._tag, "InvalidInput")
      // cursors of the right kind still page
      yield* listUsers(adminActor, { sort: "lastLogin", cursor: encodeCursor({ key: null, id: ID }) })
      yield* listUsers(adminActor, {
        sort: "created",
        cursor: encodeCursor({ key: 1_700_000_000_000, id: ID })
      })
      yield* queryAudit(adminActor, { cursor: encodeCursor({ key: 1_700_000_000_000, id: ID }) })
    }).pipe(provide)
  )

  it.effect(
    "a cursor whose id is not a UUID, on every list keyed by row ids; memberships' and events' own ids pass",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        for (const id of ["not-a-uuid", "", `${ID}/${ID}`]) {
          const failures = [
            yield* Effect.flip(listUsers(adminActor, { cursor: encodeCursor({ key: "Ada", id }) })),
            yield* Effect.flip(
              listMembers(adminActor, organization.id, { cursor: encodeCursor({ key: "Ada", id }) })
            ),
            yield* Effect.flip(listOrganizations(adminActor, { cursor: encodeCursor({ key: "acme", id }) })),
            yield* Effect.flip(
              queryAudit(adminActor, { cursor: encodeCursor({ key: 1_700_000_000_000, id }) })
            )
          ]
          assert.deepStrictEqual(
            failures.map((e) => [e._tag, pathOf(e)]),
            Array.from({ length: 4 }, () => ["InvalidInput", "cursor"]),
            id
          )
        }
        // the same cursors with a UUID id page
        yield* listUsers(adminActor, { cursor: encodeCursor({ key: "Ada", id: ID }) })
        yield* listOrganizations(adminActor, { cursor: encodeCursor({ key: "acme", id: ID }) })
        // a membership cursor's id is `<organization id>/<user id>`, the event feed's carries no row id
        yield* listMemberships(adminActor, { cursor: encodeCursor({ key: null, id: `${ID}/${ID}` }) })
        yield* listEvents(adminActor, { after: encodeCursor({ key: 0, id: "" }) })
      }).pipe(provide)
  )

  it.effect("a NUL in a login email or tenant, and in PIMS credentials", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      for (const input of [
        { tenant: tenant.slug, email: `${user.email}\u0000`, password: "whatever" },
        { tenant: `${tenant.slug}\u0000`, email: user.email, password: "whatever" }
      ]) {
        const error = yield* Effect.flip(login(input as never))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(input))
      }
      const actor = { _tag: "User", tenantId: tenant.id, userId: user.id, scope: "full" } as const
      for (const [username, password] of [
        [NUL, "secret"],
        ["rita", NUL]
      ] as const) {
        const error = yield* Effect.flip(
          putMyExternalCredentials(actor, "pims", { username, password: Redacted.make(password) } as never)
        )
        assert.strictEqual(error._tag, "InvalidInput", `${username} ${password}`)
      }
    }).pipe(provide)
  )
})
