import { describe, expect, it } from "@effect/vitest"
import {
  type Actor,
  addMember,
  authenticate,
  changeRole,
  completeSetup,
  createUser,
  type EffectivePermissions,
  type ModulePermission,
  type OrganizationId,
  type Permission,
  RoleRepository,
  regenerateSetupLink,
  type SetupLink,
  type Tenant,
  type UserId,
  UserRepository,
  updateMember,
  updateUser,
  userActor
} from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Option, type Redacted } from "effect"
import * as fc from "fast-check"
import { goodPassword, tokenOf } from "../usecases/invitations/fixtures.ts"
import { seedMember, seedOrganization } from "../usecases/memberships/support.ts"
import { email, roleName } from "./support.ts"

// Issue 12, item 1, as a property: for random sequences of invitations and grants by actors of random ranks,
// nobody ends up holding a session with more than some actor who held the link could grant. The actors are
// fixed (never targets), so what each could grant does not move; the targets are the pending users the run
// creates. A completed setup is the moment the link's holder becomes the user: the user's tenant permissions
// must all be the holder's, and inside each organization the user's membership permissions must all be held
// there by the holder (tenant-wide or through their own membership).

const ACTORS = ["tenantAdmin", "manager", "inviter", "orgAdminA", "orgAdminB"] as const
type ActorName = (typeof ACTORS)[number]
const TENANT_ROLES = ["Admin", "Regular", "Portal User", "Manager", "Inviter"] as const
const ORG_ROLES = ["Admin", "Limited"] as const
const MODULES: ReadonlyArray<ModulePermission> = ["module:dashboard", "module:orders", "module:sros"]
const EMAILS = 3

const makeRuntime = () => ManagedRuntime.make(Layer.fresh(layerMemory))
type Runtime = ReturnType<typeof makeRuntime>

interface World {
  readonly runtime: Runtime
  readonly tenant: Tenant
  readonly actors: Readonly<Record<ActorName, Actor>>
  readonly orgs: readonly [OrganizationId, OrganizationId]
  readonly targets: Array<UserId>
  readonly links: Array<{ readonly token: Redacted.Redacted<string>; readonly holder: ActorName }>
  readonly linked: Set<UserId>
}

/** How many completions the properties saw, to show the invariant was exercised and not vacuous. */
const seen = { completed: 0, grantedWhileLinked: 0 }
/** Counts a successful grant to a target while some link of theirs was handed out. */
type Model = { granted: Set<UserId> }
const granted = (m: Model, w: World, id: UserId) => {
  m.granted.add(id)
  if (w.linked.has(id)) seen.grantedWhileLinked++
}

const attempt = <A, E>(world: World, effect: Effect.Effect<A, E, never>) =>
  world.runtime.runPromise(Effect.option(effect as Effect.Effect<A, E>))

const permissionsOf = (world: World, actor: Actor): Promise<EffectivePermissions> =>
  world.runtime.runPromise(
    Effect.map(authenticate(actor), (context) => context.permissions)
  ) as Promise<EffectivePermissions>

const held = (permissions: EffectivePermissions, org?: OrganizationId): ReadonlySet<Permission> =>
  new Set([...permissions.tenant, ...(org === undefined ? [] : (permissions.organizations.get(org) ?? []))])

const keep = (world: World, holder: ActorName, user: UserId, link: { setupUrl?: unknown }) => {
  if (link.setupUrl === undefined) return
  world.links.push({ token: tokenOf(link as SetupLink), holder })
  world.linked.add(user)
}

class Invite implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly by: ActorName,
    readonly role: string,
    readonly modules: ReadonlyArray<ModulePermission>
  ) {}
  check = () => true
  run = async (_: Model, w: World) => {
    const created = await attempt(
      w,
      createUser(w.actors[this.by], {
        email: email(`invited-${w.targets.length}@example.com`),
        firstName: "In",
        lastName: "Vited",
        role: roleName(this.role),
        modulePermissions: [...this.modules],
        credential: { _tag: "Invite" }
      }) as never
    )
    if (Option.isSome(created)) {
      const value = created.value as { user: { id: UserId }; setupUrl?: Redacted.Redacted<string> }
      w.targets.push(value.user.id)
      keep(w, this.by, value.user.id, value)
    }
  }
  toString = () => `invite(${this.by}, ${this.role}, [${this.modules}])`
}

class AddToOrganization implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly by: ActorName,
    readonly org: 0 | 1,
    readonly who: number,
    readonly role: string
  ) {}
  check = () => true
  run = async (m: Model, w: World) => {
    const added = await attempt(
      w,
      addMember(w.actors[this.by], w.orgs[this.org], {
        email: email(`member-${this.who}@example.com`),
        firstName: "Mem",
        lastName: "Ber",
        role: roleName(this.role)
      }) as never
    )
    if (Option.isSome(added)) {
      const value = added.value as { user: { id: UserId }; created: boolean; setupUrl?: unknown }
      if (value.created) w.targets.push(value.user.id)
      else granted(m, w, value.user.id)
      keep(w, this.by, value.user.id, value)
    }
  }
  toString = () => `addMember(${this.by}, org ${this.org}, member-${this.who}, ${this.role})`
}

class ChangeRole implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly by: ActorName,
    readonly target: number,
    readonly role: string
  ) {}
  check = () => true
  run = async (m: Model, w: World) => {
    const id = w.targets[this.target % Math.max(1, w.targets.length)]
    if (id === undefined) return
    const done = await attempt(w, changeRole(w.actors[this.by], id, roleName(this.role)) as never)
    if (Option.isSome(done)) granted(m, w, id)
  }
  toString = () => `changeRole(${this.by}, target #${this.target}, ${this.role})`
}

class GrantModules implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly by: ActorName,
    readonly target: number,
    readonly modules: ReadonlyArray<ModulePermission>
  ) {}
  check = () => true
  run = async (m: Model, w: World) => {
    const id = w.targets[this.target % Math.max(1, w.targets.length)]
    if (id === undefined) return
    const user = await w.runtime.runPromise(
      Effect.flatMap(UserRepository, (users) => users.findById(w.tenant.id, id))
    )
    if (Option.isNone(user)) return
    const done = await attempt(
      w,
      updateUser(w.actors[this.by], id, { modulePermissions: [...this.modules] }, user.value.version) as never
    )
    if (Option.isSome(done)) granted(m, w, id)
  }
  toString = () => `grantModules(${this.by}, target #${this.target}, [${this.modules}])`
}

class ChangeMembership implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly by: ActorName,
    readonly org: 0 | 1,
    readonly target: number,
    readonly role: string
  ) {}
  check = () => true
  run = async (m: Model, w: World) => {
    const id = w.targets[this.target % Math.max(1, w.targets.length)]
    if (id === undefined) return
    const done = await attempt(
      w,
      updateMember(w.actors[this.by], w.orgs[this.org], id, { role: roleName(this.role) }) as never
    )
    if (Option.isSome(done)) granted(m, w, id)
  }
  toString = () => `updateMember(${this.by}, org ${this.org}, target #${this.target}, ${this.role})`
}

class Regenerate implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly by: ActorName,
    readonly target: number
  ) {}
  check = () => true
  run = async (_: Model, w: World) => {
    const id = w.targets[this.target % Math.max(1, w.targets.length)]
    if (id === undefined) return
    const link = await attempt(w, regenerateSetupLink(w.actors[this.by], id) as never)
    if (Option.isSome(link)) keep(w, this.by, id, link.value as SetupLink)
  }
  toString = () => `regenerate(${this.by}, target #${this.target})`
}

class Complete implements fc.AsyncCommand<Model, World> {
  constructor(readonly pick: number) {}
  check = () => true
  run = async (_: Model, w: World) => {
    const link = w.links[this.pick % Math.max(1, w.links.length)]
    if (link === undefined) return
    const done = await attempt(
      w,
      completeSetup({ token: link.token, displayName: "Link Holder", password: goodPassword }) as never
    )
    if (Option.isNone(done)) return
    const userId = (done.value as { userId: UserId }).userId
    seen.completed++
    const user = await permissionsOf(w, userActor(w.tenant.id, userId))
    const holder = await permissionsOf(w, w.actors[link.holder])
    const beyond = [...user.tenant].filter((p) => !holder.tenant.has(p))
    expect(beyond, `tenant permissions ${link.holder} could not grant`).toEqual([])
    for (const [org, permissions] of user.organizations) {
      const allowed = held(holder, org)
      const beyondIn = [...permissions].filter((p) => !allowed.has(p))
      expect(beyondIn, `permissions in ${org} ${link.holder} could not grant`).toEqual([])
    }
  }
  toString = () => `complete(link #${this.pick})`
}

const actor = fc.constantFrom(...ACTORS)
const tenantRole = fc.constantFrom(...TENANT_ROLES)
const orgRole = fc.constantFrom(...ORG_ROLES)
const org = fc.constantFrom(0 as const, 1 as const)
const target = fc.nat({ max: 20 })
const modules = fc.subarray([...MODULES])
const commands = [
  fc.tuple(actor, tenantRole, modules).map(([a, r, ms]) => new Invite(a, r, ms)),
  fc
    .tuple(actor, org, fc.nat({ max: EMAILS - 1 }), orgRole)
    .map(([a, o, w, r]) => new AddToOrganization(a, o, w, r)),
  fc.tuple(actor, target, tenantRole).map(([a, t, r]) => new ChangeRole(a, t, r)),
  fc.tuple(actor, target, modules).map(([a, t, ms]) => new GrantModules(a, t, ms)),
  fc.tuple(actor, org, target, orgRole).map(([a, o, t, r]) => new ChangeMembership(a, o, t, r)),
  fc.tuple(actor, target).map(([a, t]) => new Regenerate(a, t)),
  fc.nat({ max: 50 }).map((p) => new Complete(p)),
  fc.nat({ max: 50 }).map((p) => new Complete(p))
]

const seedWorld = (runtime: Runtime) =>
  runtime.runPromise(
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "weevio" })
      const roles = yield* RoleRepository
      const extra = {
        Manager: ["users:read", "users:write", "users:roles", "users:invite", "module:orders"],
        Inviter: ["users:read", "users:invite", "module:dashboard"]
      } satisfies Record<string, ReadonlyArray<Permission>>
      for (const [name, permissions] of Object.entries(extra)) {
        yield* roles
          .insert({
            tenantId: tenant.id,
            name: roleName(name),
            scope: "tenant",
            permissions,
            requiresTotp: false,
            builtIn: false
          })
          .pipe(Effect.orDie)
      }
      const a = yield* seedOrganization(tenant)
      const b = yield* seedOrganization(tenant)
      const manager = yield* seedUser(tenant, { role: roleName("Manager") })
      const inviter = yield* seedUser(tenant, { role: roleName("Inviter") })
      const orgAdminA = yield* seedMember(tenant, a.id, { role: "Admin" })
      const orgAdminB = yield* seedMember(tenant, b.id, { role: "Admin" })
      const actors: Record<ActorName, Actor> = {
        tenantAdmin: adminActor,
        manager: userActor(tenant.id, manager.id),
        inviter: userActor(tenant.id, inviter.id),
        orgAdminA: orgAdminA.actor,
        orgAdminB: orgAdminB.actor
      }
      return { tenant, actors, orgs: [a.id, b.id] as const }
    })
  )

describe("setup links and later grants (model, fc.commands)", () => {
  it("nobody completes setup into more than some holder of the link could grant", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
        const runtime = makeRuntime()
        try {
          const seeded = await seedWorld(runtime)
          const world: World = { runtime, ...seeded, targets: [], links: [], linked: new Set() }
          await fc.asyncModelRun(() => ({ model: { granted: new Set<UserId>() }, real: world }), cmds)
        } finally {
          await runtime.dispose()
        }
      }),
      { numRuns: 200 }
    )
    // The invariant was put to the test: setups completed, and users were granted more while a link of theirs was out.
    expect(seen.completed).toBeGreaterThan(10)
    expect(seen.grantedWhileLinked).toBeGreaterThan(5)
  }, 120_000)
})
