import { assert } from "@effect/vitest"
import {
  ActorDirectory,
  type ActorRecord,
  GroupRepository,
  type Membership,
  MembershipRepository,
  ORGANIZATION_PERMISSIONS,
  type Organization,
  type OrganizationId,
  OrganizationRepository,
  type Role,
  type RoleName,
  RoleRepository,
  type RoleScope,
  TENANT_PERMISSIONS,
  type TenantId,
  TenantRepository,
  Transactor,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer, Option, Ref } from "effect"
import fc from "fast-check"
import { instant, userFields } from "../arbitraries.ts"
import { aGroup, aMembership, anId, anOrganization, aUser } from "../builders.ts"
import {
  type ContractIt,
  freshTenant,
  type Repositories,
  registerContract,
  storeProperty
} from "./support.ts"

/** What the four repository reads return for (tenant, user), in the shape `load` answers. */
const fourReads = (tenantId: TenantId, userId: UserId) =>
  Effect.gen(function* () {
    const tenant = yield* (yield* TenantRepository).findById(tenantId)
    const user = yield* (yield* UserRepository).findById(tenantId, userId)
    if (Option.isNone(tenant) || Option.isNone(user)) return Option.none<ActorRecord>()
    const memberships = yield* (yield* MembershipRepository).listByUser(tenantId, userId)
    const organizations = yield* OrganizationRepository
    const inactiveOrganizations: Array<OrganizationId> = []
    for (const id of new Set(memberships.map((m) => m.organizationId))) {
      const organization = yield* organizations.findById(tenantId, id)
      if (Option.isSome(organization) && organization.value.status === "inactive")
        inactiveOrganizations.push(id)
    }
    return Option.some<ActorRecord>({
      tenant: tenant.value,
      user: user.value,
      roles: yield* (yield* RoleRepository).list(tenantId),
      memberships,
      inactiveOrganizations
    })
  })

/** Asserts that `load` answers exactly the four reads, and returns the record. */
const loadsAsFourReads = (tenantId: TenantId, userId: UserId) =>
  Effect.gen(function* () {
    const loaded = yield* (yield* ActorDirectory).load(tenantId, userId)
    assert.deepStrictEqual(loaded, yield* fourReads(tenantId, userId))
    return loaded
  })

/** Transactions of the concurrency test. */
const WRITES = 8

const keyOf = (m: Membership) => `${m.organizationId}/${m.userId}`
const byKey = (rows: ReadonlyArray<Membership>) => [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))

// Millisecond instants a store must give back exactly, before the epoch and at the edges of a second too.
const instants = [
  new Date("1969-12-31T23:59:59.999Z"),
  new Date("2000-01-01T00:00:00.000Z"),
  new Date("2026-06-01T12:00:00.001Z"),
  new Date("2026-06-01T12:00:00.999Z"),
  new Date("2099-12-31T23:59:59.999Z")
]

/** A membership of the user in a new organization of the tenant. */
const addMembership = (
  tenantId: TenantId,
  userId: UserId,
  fields: Partial<Membership>,
  organizationFields: Partial<Organization> = {}
) =>
  Effect.gen(function* () {
    const organization = yield* (yield* OrganizationRepository)
      .insert(anOrganization({ ...organizationFields, tenantId }))
      .pipe(Effect.orDie)
    return yield* (yield* MembershipRepository)
      .insert(aMembership({ ...fields, tenantId, organizationId: organization.id, userId }))
      .pipe(Effect.orDie)
  })

const aRole = (tenantId: TenantId, name: string, scope: RoleScope, fields: Partial<Role> = {}): Role => ({
  tenantId,
  name: name as RoleName,
  scope,
  permissions: [],
  requiresTotp: false,
  builtIn: false,
  ...fields
})

const scenario = fc.record({
  user: userFields(),
  roles: fc.array(
    fc.oneof(
      fc.record({
        scope: fc.constant("tenant" as const),
        permissions: fc.subarray([...TENANT_PERMISSIONS]),
        requiresTotp: fc.boolean()
      }),
      fc.record({
        scope: fc.constant("organization" as const),
        permissions: fc.subarray([...ORGANIZATION_PERMISSIONS]),
        requiresTotp: fc.boolean()
      })
    ),
    { maxLength: 3 }
  ),
  memberships: fc.array(
    fc.record({
      role: fc.nat(),
      active: fc.boolean(),
      expiresAt: fc.option(fc.oneof(instant, fc.constantFrom(...instants)), { nil: null }),
      createdAt: instant,
      updatedAt: fc.constantFrom(...instants),
      organizationStatus: fc.constantFrom("active" as const, "inactive" as const)
    }),
    { maxLength: 5 }
  )
})

type Scenario = typeof scenario extends fc.Arbitrary<infer A> ? A : never

/** Stores one scenario in a fresh tenant and checks `load` against the four reads. */
const checkScenario = ({ user: fields, roles, memberships }: Scenario) =>
  Effect.gen(function* () {
    const { tenant, roles: preset } = yield* freshTenant()
    const user = yield* (yield* UserRepository)
      .insert(aUser({ ...fields, tenantId: tenant.id }))
      .pipe(Effect.orDie)
    const catalogue = yield* RoleRepository
    for (const [i, role] of roles.entries())
      yield* catalogue.insert(aRole(tenant.id, `Custom ${i}`, role.scope, role)).pipe(Effect.orDie)
    const organizationRoles = (yield* catalogue.list(tenant.id)).filter((r) => r.scope === "organization")
    const stored: Array<Membership> = []
    const inactive: Array<string> = []
    for (const { role, organizationStatus, ...membership } of memberships) {
      const added = yield* addMembership(
        tenant.id,
        user.id,
        { ...membership, role: organizationRoles[role % organizationRoles.length]!.name },
        { status: organizationStatus }
      )
      stored.push(added)
      if (organizationStatus === "inactive") inactive.push(added.organizationId)
    }
    const loaded = Option.getOrThrow(yield* loadsAsFourReads(tenant.id, user.id))
    assert.deepStrictEqual(byKey(loaded.memberships), byKey(stored))
    assert.deepStrictEqual([...loaded.inactiveOrganizations].sort(), inactive.sort())
    assert.strictEqual(loaded.roles.length, preset.length + roles.length)
  })

/**
 * The ActorDirectory guarantees: `load` is the four reads (tenant, user, roles, memberships) in one snapshot,
 * `None` for unknown ids and for a user of another tenant, the transaction's own writes, isolation by tenant.
 */
export const actorDirectoryTests = (it: ContractIt): void => {
  it.effect("load equals the four repository reads, memberships in any state included", () =>
    Effect.gen(function* () {
      const { tenant } = yield* freshTenant()
      const groups = yield* GroupRepository
      const first = yield* groups.insert(aGroup({ tenantId: tenant.id })).pipe(Effect.orDie)
      const second = yield* groups.insert(aGroup({ tenantId: tenant.id })).pipe(Effect.orDie)
      const user = yield* (yield* UserRepository)
        .insert(
          aUser({
            tenantId: tenant.id,
            displayName: "Ada",
            phone: null,
            groupIds: [second.id, first.id],
            modulePermissions: ["module:orders", "module:billing"],
            lastLoginAt: instants[3]!,
            createdAt: instants[0]!,
            updatedAt: instants[2]!
          })
        )
        .pipe(Effect.orDie)
      // Custom roles after the preset's: tenant roles still come first.
      const catalogue = yield* RoleRepository
      yield* catalogue
        .insert(aRole(tenant.id, "Auditor", "organization", { permissions: ["org:read"] }))
        .pipe(Effect.orDie)
      yield* catalogue
        .insert(aRole(tenant.id, "Clerk", "tenant", { permissions: ["users:read"] }))
        .pipe(Effect.orDie)
      const stored = [
        yield* addMembership(tenant.id, user.id, { role: "Limited" as RoleName }),
        yield* addMembership(tenant.id, user.id, { active: false, expiresAt: instants[4]! }),
        yield* addMembership(tenant.id, user.id, { expiresAt: instants[0]!, createdAt: instants[1]! }),
        yield* addMembership(tenant.id, user.id, {
          role: "Auditor" as RoleName,
          expiresAt: instants[2]!,
          createdAt: instants[3]!,
          updatedAt: instants[4]!
        })
      ]
      const loaded = Option.getOrThrow(yield* loadsAsFourReads(tenant.id, user.id))
      assert.deepStrictEqual(byKey(loaded.memberships), byKey(stored))
      assert.deepStrictEqual(loaded.user.groupIds, [second.id, first.id])
      assert.deepStrictEqual(
        loaded.roles.map((r) => r.scope),
        [...loaded.roles.map((r) => r.scope)].sort((a, b) => (a === b ? 0 : a === "tenant" ? -1 : 1))
      )
      assert.isTrue(loaded.roles.some((r) => r.name === "Clerk"))
    })
  )

  it.effect("a user without memberships, and an inactive user, load as they are", () =>
    Effect.gen(function* () {
      const { tenant } = yield* freshTenant()
      const users = yield* UserRepository
      const lonely = yield* users.insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
      const disabled = yield* users
        .insert(aUser({ tenantId: tenant.id, status: "disabled" }))
        .pipe(Effect.orDie)
      yield* addMembership(tenant.id, disabled.id, { expiresAt: instants[0]! })
      assert.deepStrictEqual(Option.getOrThrow(yield* loadsAsFourReads(tenant.id, lonely.id)).memberships, [])
      const loaded = Option.getOrThrow(yield* loadsAsFourReads(tenant.id, disabled.id))
      assert.strictEqual(loaded.user.status, "disabled")
      assert.strictEqual(loaded.memberships.length, 1)
    })
  )

  it.effect("None for an unknown tenant, an unknown user and another tenant's user", () =>
    Effect.gen(function* () {
      const directory = yield* ActorDirectory
      const mine = (yield* freshTenant()).tenant
      const theirs = (yield* freshTenant()).tenant
      const users = yield* UserRepository
      const own = yield* users.insert(aUser({ tenantId: mine.id })).pipe(Effect.orDie)
      const other = yield* users.insert(aUser({ tenantId: theirs.id })).pipe(Effect.orDie)
      yield* addMembership(theirs.id, other.id, {})
      assert.isTrue(Option.isNone(yield* directory.load(anId<TenantId>(), own.id)))
      assert.isTrue(Option.isNone(yield* directory.load(mine.id, anId<UserId>())))
      assert.isTrue(Option.isNone(yield* directory.load(mine.id, other.id)))
      assert.isTrue(Option.isNone(yield* directory.load(theirs.id, own.id)))
      // Each is loaded in its own tenant, with that tenant's roles only.
      for (const [tenant, user] of [
        [mine, own],
        [theirs, other]
      ] as const) {
        const loaded = Option.getOrThrow(yield* loadsAsFourReads(tenant.id, user.id))
        assert.strictEqual(loaded.tenant.id, tenant.id)
        assert.isTrue(loaded.roles.length > 0)
        for (const role of loaded.roles) assert.strictEqual(role.tenantId, tenant.id)
      }
    })
  )

  it.effect("inside a transaction, load sees the transaction's own writes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* freshTenant()
      const user = aUser({ tenantId: tenant.id })
      const inside = yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          yield* (yield* UserRepository).insert(user).pipe(Effect.orDie)
          const renamed = yield* (yield* TenantRepository)
            .update({ ...tenant, name: "Renamed inside" }, tenant.version)
            .pipe(Effect.orDie)
          yield* (yield* RoleRepository).insert(aRole(tenant.id, "Inside", "organization")).pipe(Effect.orDie)
          const membership = yield* addMembership(tenant.id, user.id, { role: "Inside" as RoleName })
          const loaded = Option.getOrThrow(yield* loadsAsFourReads(tenant.id, user.id))
          assert.deepStrictEqual(loaded.tenant, renamed)
          assert.deepStrictEqual(loaded.memberships, [membership])
          assert.isTrue(loaded.roles.some((r) => r.name === "Inside"))
          return loaded
        })
      )
      assert.deepStrictEqual(yield* (yield* ActorDirectory).load(tenant.id, user.id), Option.some(inside))
    })
  )

  it.effect("load never mixes two states: concurrent transactions land wholly or not at all", () =>
    Effect.gen(function* () {
      const { tenant } = yield* freshTenant()
      const users = yield* UserRepository
      const start = yield* users.insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
      const done = yield* Ref.make(false)
      // Each transaction adds a membership and bumps the user's version: a load sees both or neither.
      const writer = Effect.gen(function* () {
        for (let i = 0; i < WRITES; i++) {
          yield* Effect.yieldNow
          yield* (yield* Transactor).withTransaction(
            Effect.gen(function* () {
              const current = Option.getOrThrow(yield* users.findById(tenant.id, start.id))
              yield* addMembership(tenant.id, start.id, {})
              yield* users.update(current, current.version).pipe(Effect.orDie)
            })
          )
        }
      }).pipe(Effect.ensuring(Ref.set(done, true)))
      const versions = new Set<number>()
      const reader = Effect.gen(function* () {
        while (!(yield* Ref.get(done)) && versions.size <= WRITES) {
          const loaded = Option.getOrThrow(yield* (yield* ActorDirectory).load(tenant.id, start.id))
          assert.strictEqual(loaded.memberships.length, loaded.user.version - start.version)
          versions.add(loaded.user.version)
          yield* Effect.yieldNow
        }
      })
      yield* Effect.all([reader, writer], { concurrency: 2 })
      // The reader saw the writes land (else it checked nothing), and the last state is whole.
      assert.isAtLeast(versions.size, 2)
      const last = Option.getOrThrow(yield* loadsAsFourReads(tenant.id, start.id))
      assert.strictEqual(last.memberships.length, WRITES)
      assert.strictEqual(last.user.version, start.version + WRITES)
    })
  )

  storeProperty(
    it,
    "load equals the four reads for generated users, roles and memberships (property)",
    scenario,
    checkScenario,
    {
      numRuns: 15,
      timeout: 60_000
    }
  )
}

/** Runs the ActorDirectory contract against one implementation (built once for the suite). */
export const actorDirectoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`ActorDirectory contract (${name})`, layer, actorDirectoryTests)
