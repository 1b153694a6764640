import { assert, describe, it } from "@effect/vitest"
import { MODULE_PERMISSIONS, type ModulePermission } from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import fc from "fast-check"
import { asModelUser, commands, type Real } from "./rolesCommands.ts"
import { isAdminRole, type Model, ROLES, type RoleKey } from "./rolesModel.ts"
import { roleName } from "./support.ts"

const role = fc.constantFrom(...ROLES)
const modules = fc.subarray([...MODULE_PERMISSIONS], { maxLength: 3 })

/** The people a run starts with, after the seeded Account Admin: any role, some module permissions. */
const initialPeople = fc.array(fc.record({ role, modules, disabled: fc.boolean() }), {
  minLength: 1,
  maxLength: 4
})

const start = async (
  people: ReadonlyArray<{ role: RoleKey; modules: Array<ModulePermission>; disabled: boolean }>
) => {
  const runtime = ManagedRuntime.make(Layer.fresh(layerMemory))
  const seeded = await runtime.runPromise(
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant({ preset: "wetrack" })
      const users = [admin]
      for (const person of people)
        users.push(
          yield* seedUser(tenant, {
            role: roleName(person.role),
            modulePermissions: person.modules,
            status: person.disabled ? "disabled" : "active",
            passwordHash: "$fake$hash"
          })
        )
      return { tenantId: tenant.id, users }
    })
  )
  const model: Model = { users: seeded.users.map(asModelUser) }
  const real: Real = { runtime, tenantId: seeded.tenantId, ids: seeded.users.map((u) => u.id) }
  return { model, real }
}

// Note: sequentially the LastAdmin guard of the tenant is never reached: acting on an active users:roles
// holder needs every permission they hold (RoleEscalation otherwise), so the actor is another active holder,
// and nobody acts on themselves. The invariant below still checks the outcome, whatever guard secures it.
describe("roles and admins within one tenant, as a model (fc.commands)", () => {
  it("the model's catalogue is wetrack's: two roles administer roles, Admin and General do not", () => {
    assert.deepStrictEqual(ROLES.filter(isAdminRole), ["Account Admin", "User Admin"])
  })

  it("every call answers as the model says; a users:roles holder stays; nobody gains what the actor lacked", async () => {
    await fc.assert(
      fc.asyncProperty(initialPeople, fc.commands(commands, { size: "+1" }), async (people, cmds) => {
        const { model, real } = await start(people)
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds)
        } finally {
          await real.runtime.dispose()
        }
      }),
      { numRuns: 200 }
    )
  })
})
