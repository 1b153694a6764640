import { assert, describe, it } from "@effect/vitest"
import {
  type Actor,
  adminClearTotp,
  changeRole,
  deactivateUser,
  deleteUser,
  disableUser,
  enableUser,
  MODULE_PERMISSIONS,
  type Permission,
  type PhoneNumber,
  regenerateSetupLink,
  resetPassword,
  restoreUser,
  revokeUserSessions,
  TENANT_PERMISSIONS,
  type UserId,
  updateUser
} from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import fc from "fast-check"
import { failsUnchanged, provide, role, seedActor, seedRole } from "./support.ts"

type Services = Layer.Success<typeof layerMemory>

interface Operation {
  readonly name: string
  /** The target's status the operation starts from. */
  readonly from: "active" | "disabled" | "deactivated" | "pending"
  readonly run: (actor: Actor, userId: UserId) => Effect.Effect<unknown, { readonly _tag: string }, Services>
}

/** Everything a `users:write` holder may do to another user, each from a status where it applies. */
const OPERATIONS: ReadonlyArray<Operation> = [
  { name: "disable", from: "active", run: disableUser },
  { name: "enable", from: "disabled", run: enableUser },
  { name: "deactivate", from: "active", run: deactivateUser },
  { name: "restore", from: "deactivated", run: restoreUser },
  { name: "reset password", from: "active", run: (a, id) => resetPassword(a, id, { generate: true }) },
  { name: "regenerate setup link", from: "pending", run: regenerateSetupLink },
  { name: "edit admin notes", from: "active", run: (a, id) => updateUser(a, id, { adminNotes: "noted" }, 1) },
  {
    name: "turn off required TOTP",
    from: "active",
    run: (a, id) => updateUser(a, id, { requireTotp: false }, 1)
  },
  { name: "verify the email", from: "active", run: (a, id) => updateUser(a, id, { emailVerified: true }, 1) },
  { name: "clear TOTP", from: "active", run: adminClearTotp },
  // issue 12, item 8: both skipped the check (a wetrack Admin ended a User Admin's sessions, renamed the owner)
  { name: "end their sessions", from: "active", run: revokeUserSessions },
  { name: "rename", from: "active", run: (a, id) => updateUser(a, id, { firstName: "Renamed" }, 1) },
  {
    name: "change the phone",
    from: "active",
    run: (a, id) => updateUser(a, id, { phone: "+41791234567" as PhoneNumber }, 1)
  }
]

describe("a lesser admin cannot act on a user holding permissions they lack", () => {
  it.effect("wetrack Admin vs Account Admin: RoleEscalation for every operation, nothing written", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      const lesser = yield* seedActor(tenant, { role: role("Admin") })
      for (const operation of OPERATIONS) {
        const owner = yield* seedUser(tenant, { role: role("Account Admin"), status: operation.from })
        const error = yield* failsUnchanged(operation.run(lesser.actor, owner.id))
        assert.strictEqual(error._tag, "RoleEscalation", operation.name)
        // The wetrack Admin lacks, among others, users:roles and users:delete.
        if (error._tag === "RoleEscalation") {
          assert.includeMembers(
            [...(error as unknown as { missing: Array<string> }).missing],
            ["users:roles", "users:delete"]
          )
        }
      }
    }).pipe(provide)
  )

  it.effect("the same operations on a General user, or on a peer Admin, go through", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      const lesser = yield* seedActor(tenant, { role: role("Admin") })
      for (const targetRole of ["General", "Admin"]) {
        for (const operation of OPERATIONS) {
          const user = yield* seedUser(tenant, {
            role: role(targetRole),
            status: operation.from,
            passwordHash: "$fake$h"
          })
          const exit = yield* Effect.exit(operation.run(lesser.actor, user.id))
          assert.isTrue(Exit.isSuccess(exit), `${operation.name} on ${targetRole}: ${String(exit)}`)
        }
      }
    }).pipe(provide)
  )

  it.effect("a User Admin (users:delete, users:roles) neither deletes nor demotes the Account Admin", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant({ preset: "wetrack" })
      const userAdmin = yield* seedActor(tenant, { role: role("User Admin") })
      const deleted = yield* failsUnchanged(deleteUser(userAdmin.actor, admin.id))
      assert.strictEqual(deleted._tag, "RoleEscalation")
      const demoted = yield* failsUnchanged(changeRole(userAdmin.actor, admin.id, role("General")))
      assert.strictEqual(demoted._tag, "RoleEscalation")
      // A peer User Admin is within reach.
      const peer = yield* seedUser(tenant, { role: role("User Admin") })
      const changed = yield* changeRole(userAdmin.actor, peer.id, role("General"))
      assert.strictEqual(changed.role, "General")
      yield* deleteUser(userAdmin.actor, peer.id)
    }).pipe(provide)
  )

  it.effect("a user's direct module permissions count as theirs", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      const lesser = yield* seedActor(tenant, { role: role("Admin") })
      // module:billing is not among the wetrack Admin's modules.
      const user = yield* seedUser(tenant, { role: role("General"), modulePermissions: ["module:billing"] })
      const error = yield* failsUnchanged(disableUser(lesser.actor, user.id))
      assert.strictEqual(error._tag, "RoleEscalation")
      if (error._tag === "RoleEscalation") assert.deepStrictEqual(error.missing, ["module:billing"])
    }).pipe(provide)
  )
})

const OTHER_PERMISSIONS: ReadonlyArray<Permission> = [
  ...TENANT_PERMISSIONS.filter((p) => p !== "users:write" && p !== "users:delete"),
  ...MODULE_PERMISSIONS
]

const PROPERTY_OPERATIONS = ["disable", "deactivate", "delete", "reset", "notes", "role"] as const

const runProperty = (
  kind: (typeof PROPERTY_OPERATIONS)[number],
  actor: Actor,
  target: UserId
): Effect.Effect<unknown, unknown, Services> => {
  switch (kind) {
    case "disable":
      return disableUser(actor, target)
    case "deactivate":
      return deactivateUser(actor, target)
    case "delete":
      return deleteUser(actor, target)
    case "reset":
      return resetPassword(actor, target, { generate: true })
    case "notes":
      return updateUser(actor, target, { adminNotes: "noted" }, 1)
    case "role":
      return changeRole(actor, target, role("Portal User"))
  }
}

describe("property: acting on a user needs every permission they hold", () => {
  it("succeeds exactly when the actor holds all of the target's role and module permissions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...OTHER_PERMISSIONS]),
        fc.subarray([...TENANT_PERMISSIONS, ...MODULE_PERMISSIONS] as Array<Permission>),
        fc.subarray([...MODULE_PERMISSIONS]),
        fc.constantFrom(...PROPERTY_OPERATIONS),
        async (actorExtra, targetRolePermissions, targetModules, kind) => {
          const actorPermissions: Array<Permission> = ["users:write", "users:delete", ...actorExtra]
          const program = Effect.gen(function* () {
            // weevio: the seeded Admin holds everything, so no LastAdmin can get in the way.
            const { tenant } = yield* seedTenant()
            yield* seedRole(tenant, "Acting", actorPermissions)
            yield* seedRole(tenant, "Targeted", targetRolePermissions)
            const actor = yield* seedActor(tenant, { role: role("Acting") })
            const target = yield* seedUser(tenant, {
              role: role("Targeted"),
              modulePermissions: targetModules,
              passwordHash: "$fake$h"
            })
            return yield* Effect.exit(runProperty(kind, actor.actor, target.id))
          })
          const exit = await Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(layerMemory))))
          const held = new Set(actorPermissions)
          const missing = [...new Set([...targetRolePermissions, ...targetModules])].filter(
            (p) => !held.has(p)
          )
          const error = Exit.isFailure(exit)
            ? Option.getOrUndefined(Cause.findErrorOption(exit.cause))
            : undefined
          const tag = (error as { _tag?: string } | undefined)?._tag
          if (kind === "role" && !held.has("users:roles")) return tag === "Forbidden"
          if (missing.length === 0) return Exit.isSuccess(exit)
          const reported = [...((error as { missing?: ReadonlyArray<string> }).missing ?? [])]
          return tag === "RoleEscalation" && reported.sort().join() === missing.sort().join()
        }
      ),
      { numRuns: 150 }
    )
  })
})
