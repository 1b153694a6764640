import { assert } from "@effect/vitest"
import {
  changeRole,
  createUser,
  deactivateUser,
  deleteUser,
  disableUser,
  enableUser,
  MODULE_PERMISSIONS,
  type ModulePermission,
  type Permission,
  restoreUser,
  type TenantId,
  type User,
  type UserId,
  updateUser,
  userActor
} from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Cause, Effect, Exit, type ManagedRuntime, Option } from "effect"
import fc from "fast-check"
import {
  effective,
  latent,
  type Model,
  type ModelUser,
  type Outcome,
  predictChangeRole,
  predictCreate,
  predictDelete,
  predictModules,
  predictStatus,
  ROLES,
  type RoleKey,
  TRANSITIONS,
  type TransitionName
} from "./rolesModel.ts"
import { email, roleName, type Services, snapshot } from "./support.ts"

/**
 * The calls of the roles-and-admins model test as fast-check commands: each runs the model's prediction and
 * the real use case on one in-memory store and checks that both agree and that rules 4 and 5 hold.
 */

/** The system under test: one runtime over a fresh in-memory store, and the ids of the model's people. */
export interface Real {
  readonly runtime: ManagedRuntime.ManagedRuntime<Services, never>
  readonly tenantId: TenantId
  /** The id of the model's user `i`. */
  readonly ids: Array<UserId>
}

/** The model's view of a stored user. */
export const asModelUser = (user: User): ModelUser => ({
  role: user.role as RoleKey,
  modules: [...user.modulePermissions].sort(),
  status: user.status,
  exists: true,
  awaitingSetup: user.awaitingSetup
})

const storedUsers = (real: Real) =>
  real.runtime.runPromise(
    Effect.map(snapshot, (s) =>
      [...s.get(memory.tables.Users).values()].filter((u) => u.tenantId === real.tenantId)
    )
  )

const comparable = (users: ReadonlyArray<ModelUser>) =>
  users.map((u) => (u.exists ? { ...u, modules: [...u.modules].sort() } : { exists: false }))

/**
 * Runs one call on both sides: the model predicts the outcome, the real use case runs, the outcomes (error
 * tags included) and the resulting people must agree, and the invariants must hold on the stored state.
 */
abstract class Call implements fc.AsyncCommand<Model, Real> {
  abstract readonly actor: number
  abstract predict(model: Model): Outcome
  abstract execute(real: Real, model: Model): Effect.Effect<unknown, unknown, Services>
  /** The id of a user the call created, read from its success value. */
  createdId(_value: unknown): UserId | undefined {
    return undefined
  }
  check(): boolean {
    return true
  }
  /** The call with its indices resolved against the model it ran on (for a readable counterexample). */
  protected shown = ""
  abstract describe(n: number): string
  toString(): string {
    return this.shown === "" ? this.describe(Number.POSITIVE_INFINITY) : this.shown
  }
  async run(model: Model, real: Real): Promise<void> {
    this.shown = this.describe(model.users.length)
    const actor = this.actor % model.users.length
    const before = await storedUsers(real)
    const expected = this.predict(model)
    const exit = await real.runtime.runPromise(Effect.exit(this.execute(real, model)))
    if (Exit.isFailure(exit) && Option.isNone(Cause.findErrorOption(exit.cause)))
      throw new Error(`${this} died: ${Cause.pretty(exit.cause)}`)
    const tag = Exit.isSuccess(exit)
      ? "success"
      : (Option.getOrThrow(Cause.findErrorOption(exit.cause)) as { readonly _tag: string })._tag
    assert.strictEqual(tag, "error" in expected ? expected.error : "success", `${this}: outcome`)
    if ("users" in expected) {
      model.users = expected.users
      if (expected.users.length > real.ids.length && Exit.isSuccess(exit))
        real.ids.push(this.createdId(exit.value)!)
    }
    const after = await storedUsers(real)
    const byId = new Map(after.map((u) => [u.id, u]))
    // The store holds exactly the model's people, as the model says.
    assert.strictEqual(after.length, model.users.filter((u) => u.exists).length, `${this}: number of users`)
    assert.deepStrictEqual(
      comparable(
        real.ids.map((id) =>
          byId.has(id) ? asModelUser(byId.get(id)!) : { ...model.users[0]!, exists: false }
        )
      ),
      comparable(model.users),
      `${this}: stored users`
    )
    // Rule 5: an active holder of users:roles is always left.
    assert.isTrue(
      after.some((u) => u.status === "active" && effective(asModelUser(u)).has("users:roles")),
      `${this}: no active holder of users:roles left`
    )
    // Rule 4, on the stored state: whatever anyone holds (or would hold once active) that they did not hold
    // before the call was held by the call's actor before it.
    const actorId = real.ids[actor]
    const granter = before.find((u) => u.id === actorId)
    const granted: ReadonlySet<Permission> =
      granter === undefined ? new Set() : effective(asModelUser(granter))
    const previously = new Map(before.map((u) => [u.id, u]))
    for (const user of after) {
      const old = previously.get(user.id)
      const gained = [
        ...[...latent(asModelUser(user))].filter(
          (p) => old === undefined || !latent(asModelUser(old)).has(p)
        ),
        ...[...effective(asModelUser(user))].filter(
          (p) => old === undefined || !effective(asModelUser(old)).has(p)
        )
      ]
      const escalated = gained.filter((p) => !granted.has(p))
      assert.deepStrictEqual(
        escalated,
        [],
        `${this}: ${user.id} was given permissions the actor did not hold`
      )
    }
  }
}

const idOf = (real: Real, model: Model, n: number): UserId => real.ids[n % model.users.length]!
const actorOf = (real: Real, model: Model, n: number) => userActor(real.tenantId, idOf(real, model, n))

let created = 0

class CreateUser extends Call {
  constructor(
    readonly actor: number,
    readonly role: RoleKey,
    readonly modules: ReadonlyArray<ModulePermission>,
    readonly invite: boolean
  ) {
    super()
  }
  predict(model: Model) {
    return predictCreate(model, this.actor % model.users.length, this)
  }
  execute(real: Real, model: Model) {
    created++
    return createUser(actorOf(real, model, this.actor), {
      email: email(`person-${created}@example.com`),
      firstName: "New",
      lastName: "Person",
      role: roleName(this.role),
      modulePermissions: this.modules,
      credential: this.invite ? { _tag: "Invite" } : { _tag: "Generate" }
    })
  }
  override createdId(value: unknown) {
    return (value as { readonly user: { readonly id: UserId } }).user.id
  }
  describe(n: number) {
    return `createUser(by ${this.actor % n}, ${this.role}, [${this.modules}], ${this.invite ? "invite" : "generate"})`
  }
}

class ChangeRole extends Call {
  constructor(
    readonly actor: number,
    readonly target: number,
    readonly role: RoleKey
  ) {
    super()
  }
  predict(model: Model) {
    const n = model.users.length
    return predictChangeRole(model, this.actor % n, this.target % n, this.role)
  }
  execute(real: Real, model: Model) {
    return changeRole(actorOf(real, model, this.actor), idOf(real, model, this.target), roleName(this.role))
  }
  describe(n: number) {
    return `changeRole(by ${this.actor % n}, of ${this.target % n}, ${this.role})`
  }
}

const statusCalls = {
  disable: disableUser,
  enable: enableUser,
  deactivate: deactivateUser,
  restore: restoreUser
}

class ChangeStatus extends Call {
  constructor(
    readonly name: TransitionName,
    readonly actor: number,
    readonly target: number
  ) {
    super()
  }
  predict(model: Model) {
    const n = model.users.length
    return predictStatus(model, this.name, this.actor % n, this.target % n)
  }
  execute(real: Real, model: Model) {
    return statusCalls[this.name](actorOf(real, model, this.actor), idOf(real, model, this.target))
  }
  describe(n: number) {
    return `${this.name}(by ${this.actor % n}, of ${this.target % n})`
  }
}

class DeleteUser extends Call {
  constructor(
    readonly actor: number,
    readonly target: number
  ) {
    super()
  }
  predict(model: Model) {
    const n = model.users.length
    return predictDelete(model, this.actor % n, this.target % n)
  }
  execute(real: Real, model: Model) {
    return deleteUser(actorOf(real, model, this.actor), idOf(real, model, this.target))
  }
  describe(n: number) {
    return `deleteUser(by ${this.actor % n}, of ${this.target % n})`
  }
}

class SetModules extends Call {
  constructor(
    readonly actor: number,
    readonly target: number,
    readonly modules: ReadonlyArray<ModulePermission>
  ) {
    super()
  }
  predict(model: Model) {
    const n = model.users.length
    return predictModules(model, this.actor % n, this.target % n, this.modules)
  }
  execute(real: Real, model: Model) {
    const id = idOf(real, model, this.target)
    return Effect.flatMap(snapshot, (s) =>
      updateUser(
        actorOf(real, model, this.actor),
        id,
        { modulePermissions: this.modules },
        s.get(memory.tables.Users).get(id)?.version ?? 1
      )
    )
  }
  describe(n: number) {
    return `updateUser(by ${this.actor % n}, of ${this.target % n}, modulePermissions [${this.modules}])`
  }
}

const index = fc.nat(12)
const role = fc.constantFrom(...ROLES)
const modules = fc.subarray([...MODULE_PERMISSIONS], { maxLength: 3 })

/** One arbitrary call of each kind, by any person on any person (indices wrap around the model). */
export const commands = [
  fc.tuple(index, role, modules, fc.boolean()).map(([a, r, m, i]) => new CreateUser(a, r, m, i)),
  fc.tuple(index, index, role).map(([a, t, r]) => new ChangeRole(a, t, r)),
  fc
    .tuple(fc.constantFrom(...(Object.keys(TRANSITIONS) as Array<TransitionName>)), index, index)
    .map(([name, a, t]) => new ChangeStatus(name, a, t)),
  fc.tuple(index, index).map(([a, t]) => new DeleteUser(a, t)),
  fc.tuple(index, index, modules).map(([a, t, m]) => new SetModules(a, t, m))
]
