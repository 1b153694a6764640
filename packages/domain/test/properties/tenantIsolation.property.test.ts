import { assert, describe, it } from "@effect/vitest"
import {
  type Actor,
  addGroupMember,
  addMember,
  changeRole,
  deactivateUser,
  deleteUser,
  disableUser,
  enableUser,
  getMe,
  getOrganization,
  getUser,
  listGroups,
  listMembers,
  listOrganizations,
  listUserSessions,
  listUsers,
  queryAudit,
  removeGroupMember,
  removeMember,
  resetPassword,
  restoreUser,
  revokeUserSessions,
  type UserId,
  updateMember,
  updateOrganization,
  updateUser
} from "@gatehouse/domain"
import { layerMemory, memory } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import fc from "fast-check"
import {
  email,
  identifyingStrings,
  roleName,
  type Services,
  seedWorld,
  snapshot,
  tenantPart,
  type World
} from "./support.ts"

const KINDS = [
  "getUser",
  "listUsers",
  "updateUser",
  "changeRole",
  "disable",
  "enable",
  "deactivate",
  "restore",
  "delete",
  "resetPassword",
  "addMember",
  "updateMember",
  "removeMember",
  "getOrganization",
  "updateOrganization",
  "listMembers",
  "addGroupMember",
  "removeGroupMember",
  "queryAudit",
  "listSessions",
  "revokeSessions",
  "getMe",
  "listOrganizations",
  "listGroups"
] as const

/** One call by one of A's actors; `a`, `b` and `c` pick its arguments from pools holding both tenants' ids. */
interface Op {
  readonly kind: (typeof KINDS)[number]
  readonly actor: number
  readonly a: number
  readonly b: number
  readonly c: number
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom(...KINDS),
  // Mostly A's admin, who may do the most; the others (a regular user, an organization Admin, a disabled
  // admin) probe what the lesser actors reach.
  actor: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(3) }),
  a: fc.nat(20),
  b: fc.nat(20),
  c: fc.nat(20)
})

const pick = <A>(pool: ReadonlyArray<A>, n: number): A => pool[n % pool.length]!

/** The call `op` stands for, by `actor`, with ids drawn from both worlds. */
const call = (op: Op, actor: Actor, a: World, b: World, version: (id: UserId) => number) => {
  const users = [...a.userIds, ...b.userIds]
  const organizations = [...a.organizations, ...b.organizations]
  const groups = [...a.groups, ...b.groups]
  const departments = [...a.departments, ...b.departments]
  const user = pick(users, op.a)
  const organization = pick(organizations, op.b)
  const group = pick(groups, op.c)
  switch (op.kind) {
    case "getUser":
      return getUser(actor, user)
    case "listUsers":
      return listUsers(actor, { q: pick(["", ...b.emails, b.mark, ...a.emails, a.mark], op.a) })
    case "updateUser": {
      const patches = [
        { firstName: "Renamed" },
        { groupIds: [group] },
        { departmentId: pick(departments, op.c) },
        { adminNotes: "noted" }
      ]
      return updateUser(actor, user, pick(patches, op.b), version(user))
    }
    case "changeRole":
      return changeRole(actor, user, roleName(pick(["Admin", "Regular", "Portal User"], op.b)))
    case "disable":
      return disableUser(actor, user)
    case "enable":
      return enableUser(actor, user)
    case "deactivate":
      return deactivateUser(actor, user)
    case "restore":
      return restoreUser(actor, user)
    case "delete":
      return deleteUser(actor, user)
    case "resetPassword":
      return resetPassword(actor, user, { generate: true })
    case "addMember": {
      // Emails of both tenants and a new one: B's address must make a new person of A, never reach B's user.
      const address = pick([...a.emails, ...b.emails, email(`newcomer-${op.c}@example.com`)], op.a)
      return addMember(actor, organization, {
        email: address,
        firstName: "New",
        lastName: "Comer",
        role: roleName(pick(["Admin", "Limited"], op.c))
      })
    }
    case "updateMember": {
      const patches = [{ role: roleName("Limited") }, { role: roleName("Admin") }, { active: false }]
      return updateMember(actor, organization, user, pick(patches, op.c))
    }
    case "removeMember":
      return removeMember(actor, organization, user)
    case "getOrganization":
      return getOrganization(actor, organization)
    case "updateOrganization":
      return updateOrganization(actor, organization, { name: `Renamed ${op.c}` })
    case "listMembers":
      return listMembers(actor, organization)
    case "addGroupMember":
      return addGroupMember(actor, group, user)
    case "removeGroupMember":
      return removeGroupMember(actor, group, user)
    case "queryAudit":
      return queryAudit(
        actor,
        pick([{}, { actorId: user }, { targetId: user }, { targetId: organization }], op.c)
      )
    case "listSessions":
      return listUserSessions(actor, user)
    case "revokeSessions":
      return revokeUserSessions(actor, user)
    case "getMe":
      return getMe(actor)
    case "listOrganizations":
      return listOrganizations(actor)
    case "listGroups":
      return listGroups(actor)
  }
}

const describeOp = (op: Op, index: number) => `op #${index} ${JSON.stringify(op)}`

/**
 * Runs `ops` by A's actors (admin, regular user, organization Admin, disabled admin) and checks after each one
 * that B's part of the store is exactly as before and that a success returned to A names nothing of B's.
 */
const scenario = (ops: ReadonlyArray<Op>): Effect.Effect<void, never, Services> =>
  Effect.gen(function* () {
    const b = yield* seedWorld()
    const a = yield* seedWorld()
    const bBefore = tenantPart(yield* snapshot, b)
    const bStrings = identifyingStrings(bBefore, b.mark)
    for (const [index, op] of ops.entries()) {
      const state = yield* snapshot
      const version = (id: UserId) => state.get(memory.tables.Users).get(id)?.version ?? 1
      const exit = yield* Effect.exit(
        call(op, pick(a.actors, op.actor), a, b, version) as Effect.Effect<unknown, unknown, Services>
      )
      if (Exit.isFailure(exit) && Option.isNone(Cause.findErrorOption(exit.cause)))
        throw new Error(`${describeOp(op, index)} died: ${Cause.pretty(exit.cause)}`)
      const after = yield* snapshot
      assert.deepStrictEqual(tenantPart(after, b), bBefore, `${describeOp(op, index)} changed tenant B`)
      if (Exit.isSuccess(exit)) {
        // An address A has a user of its own for is A's data too (emails are unique per tenant only).
        const aEmails = new Set(
          [...after.get(memory.tables.Users).values()]
            .filter((u) => u.tenantId === a.tenantId)
            .map((u) => u.email)
        )
        const json = JSON.stringify(exit.value) ?? ""
        for (const text of bStrings) {
          if (aEmails.has(text as never)) continue
          if (json.includes(text))
            throw new Error(`${describeOp(op, index)} returned B's "${text}" to A: ${json}`)
        }
      }
    }
  })

describe("tenant isolation (rule 1), as a property", () => {
  it("no sequence of calls by A's actors with ids of both tenants changes B or shows A anything of B's", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30, size: "medium" }), async (ops) => {
        await Effect.runPromise(scenario(ops).pipe(Effect.provide(Layer.fresh(layerMemory))))
      }),
      { numRuns: 300 }
    )
  })
})
