import { assert } from "@effect/vitest"
import {
  type Actor,
  type AuditEvent,
  DepartmentRepository,
  GroupRepository,
  MembershipRepository,
  type Organization,
  OrganizationRepository,
  type Role,
  type RoleName,
  RoleRepository,
  type Tenant,
  type User,
  userActor
} from "@gatehouse/domain"
import {
  aDepartment,
  aGroup,
  aMembership,
  anOrganization,
  layerMemory,
  MemoryStore,
  memory,
  seedUser
} from "@gatehouse/testkit"
import { Effect, Layer } from "effect"

/** Each test on its own empty in-memory store. */
export const provide = Effect.provide(Layer.fresh(layerMemory))

export const snapshot: Effect.Effect<memory.State, never, MemoryStore> = Effect.flatMap(
  MemoryStore,
  (store) => store.snapshot
)

export const actorOf = (user: User): Actor => userActor(user.tenantId, user.id)

/** Stores a user of `tenant` with `role` and returns them with their actor. */
export const seedActor = (tenant: Pick<Tenant, "id">, overrides: Partial<User> = {}) =>
  Effect.map(seedUser(tenant, overrides), (user) => ({ user, actor: actorOf(user) }))

export const role = (name: string): RoleName => name as RoleName

/** Adds a tenant role to the catalogue (tenants may extend their preset's roles). */
export const seedRole = (tenant: Pick<Tenant, "id">, name: string, permissions: Role["permissions"]) =>
  Effect.flatMap(RoleRepository, (roles) =>
    roles
      .insert({
        tenantId: tenant.id,
        name: role(name),
        scope: "tenant",
        permissions,
        requiresTotp: false,
        builtIn: false
      })
      .pipe(Effect.orDie)
  )

export const seedOrganization = (tenant: Pick<Tenant, "id">, overrides: Partial<Organization> = {}) =>
  Effect.flatMap(OrganizationRepository, (organizations) =>
    organizations.insert(anOrganization({ ...overrides, tenantId: tenant.id }))
  )

export const seedMembership = (
  organization: Organization,
  user: User,
  overrides: Parameters<typeof aMembership>[0] extends infer M ? Partial<M> : never = {}
) =>
  Effect.flatMap(MembershipRepository, (memberships) =>
    memberships
      .insert(
        aMembership({
          ...overrides,
          tenantId: organization.tenantId,
          organizationId: organization.id,
          userId: user.id
        })
      )
      .pipe(Effect.orDie)
  )

/** Runs an effect expected to fail and asserts the store is exactly as before: nothing written, no audit. */
export const failsUnchanged = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const before = yield* snapshot
    const error = yield* Effect.flip(effect)
    const after = yield* snapshot
    assert.deepStrictEqual(after, before)
    return error
  })

/**
 * Runs an effect expected to succeed and asserts it appended exactly one audit event, `action` on `targetId`
 * by `actor`; returns the result and the event.
 */
export const auditsExactly = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  expected: { readonly action: string; readonly targetId: string; readonly actorId: string }
) =>
  Effect.gen(function* () {
    const before = (yield* snapshot).get(memory.tables.Audit).length
    const value = yield* effect
    const events = (yield* snapshot).get(memory.tables.Audit).slice(before)
    assert.strictEqual(events.length, 1, `expected one audit event, got ${events.map((e) => e.action)}`)
    const event = events[0] as AuditEvent
    assert.strictEqual(event.action, expected.action)
    assert.strictEqual(event.targetId, expected.targetId)
    assert.strictEqual(event.actorId, expected.actorId)
    return { value, event }
  })

export const seedDepartment = (tenant: Pick<Tenant, "id">) =>
  Effect.flatMap(DepartmentRepository, (departments) =>
    departments.insert(aDepartment({ tenantId: tenant.id })).pipe(Effect.orDie)
  )

export const seedGroup = (tenant: Pick<Tenant, "id">) =>
  Effect.flatMap(GroupRepository, (groups) =>
    groups.insert(aGroup({ tenantId: tenant.id })).pipe(Effect.orDie)
  )
