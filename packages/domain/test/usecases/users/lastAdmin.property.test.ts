import { describe, it } from "@effect/vitest"
import {
  type Actor,
  changeRole,
  deactivateUser,
  deleteUser,
  disableUser,
  enableUser,
  restoreUser,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Layer } from "effect"
import fc from "fast-check"
import { actorOf, role } from "./support.ts"

// wetrack: two roles hold users:roles. "Admin" manages people (users:write) without it and gets RoleEscalation
// on the holders; the holders act on each other concurrently, which only the LastAdmin guard (under the tenant
// lock) stops from leaving the tenant without one.
const ROLES_ADMIN = ["Account Admin", "User Admin"] as const
const ROLES_ALL = [...ROLES_ADMIN, "Admin", "General"] as const

const KINDS = ["changeRole", "disable", "deactivate", "delete", "enable", "restore"] as const
type Kind = (typeof KINDS)[number]

interface Op {
  readonly actor: number
  readonly target: number
  readonly kind: Kind
  readonly role: (typeof ROLES_ALL)[number]
}

/** Failures a client may get; anything else (above all a defect) breaks the property. */
const EXPECTED = new Set([
  "Forbidden",
  "CannotChangeOwnRole",
  "CannotDisableSelf",
  "CannotDeleteSelf",
  "RoleEscalation",
  "LastAdmin",
  "InvalidStatusTransition",
  "UserNotFound",
  "VersionConflict"
])

const run = (
  op: Op,
  people: ReadonlyArray<{ readonly user: User; readonly actor: Actor }>
): Effect.Effect<unknown, unknown, Layer.Success<typeof layerMemory>> => {
  const actor = people[op.actor]!.actor
  const target = people[op.target]!.user.id
  switch (op.kind) {
    case "changeRole":
      return changeRole(actor, target, role(op.role))
    case "disable":
      return disableUser(actor, target)
    case "deactivate":
      return deactivateUser(actor, target)
    case "delete":
      return deleteUser(actor, target)
    case "enable":
      return enableUser(actor, target)
    case "restore":
      return restoreUser(actor, target)
  }
}

const scenario = fc
  .record({
    // The first two people are the two admins; up to two more with any role.
    first: fc.constantFrom(...ROLES_ADMIN),
    second: fc.constantFrom(...ROLES_ADMIN),
    others: fc.array(fc.constantFrom(...ROLES_ALL), { maxLength: 2 })
  })
  .chain(({ first, second, others }) => {
    const roles = [first, second, ...others]
    const index = fc.integer({ min: 0, max: roles.length - 1 })
    const op = fc.record({
      actor: index,
      target: index,
      kind: fc.constantFrom(...KINDS),
      role: fc.constantFrom(...ROLES_ALL)
    })
    return fc.record({ roles: fc.constant(roles), ops: fc.array(op, { minLength: 1, maxLength: 12 }) })
  })

describe("rule 5 under concurrency", () => {
  it("concurrent demotions, disables, deactivations and deletes leave a users:roles holder", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ roles, ops }) => {
        const program = Effect.gen(function* () {
          const { tenant, admin } = yield* seedTenant({ preset: "wetrack" })
          // The seeded Account Admin stays out of the game: disabling them first keeps the count honest.
          yield* (yield* UserRepository).update({ ...admin, status: "disabled" }, admin.version)
          const people: Array<{ user: User; actor: Actor }> = []
          for (const name of roles) {
            const user = yield* seedUser(tenant, { role: role(name), passwordHash: "$fake$h" })
            people.push({ user, actor: actorOf(user) })
          }
          const exits = yield* Effect.all(
            ops.map((op) => Effect.exit(run(op, people))),
            { concurrency: "unbounded" }
          )
          for (const exit of exits) {
            if (Exit.isFailure(exit)) {
              const error = Cause.findErrorOption(exit.cause)
              if (error._tag === "None" || !EXPECTED.has((error.value as { _tag: string })._tag)) {
                throw new Error(`unexpected failure: ${Cause.pretty(exit.cause)}`)
              }
            }
          }
          return yield* (yield* UserRepository).countActiveWithRole(tenant.id, ROLES_ADMIN.map(role))
        })
        const holders = await Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(layerMemory))))
        return holders >= 1
      }),
      { numRuns: 200 }
    )
  })
})
