import { assert, describe, it } from "@effect/vitest"
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  MembershipRepository,
  type OrganizationId,
  updateOrganization
} from "@gatehouse/domain"
import { memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import {
  actorOf,
  auditTrail,
  provide,
  role,
  seedMember,
  seedOrganization,
  seedTenantWithMember,
  snapshot
} from "../memberships/support.ts"

describe("organizations: orgs:manage writes", () => {
  it.effect("a tenant admin creates, reads, updates and deletes an organization, each audited", () =>
    Effect.gen(function* () {
      const { adminActor, admin } = yield* seedTenant()
      const created = yield* createOrganization(adminActor, { name: "Acme Dental", pimsCustomerCode: "AC-1" })
      assert.strictEqual(created.name, "Acme Dental")
      assert.strictEqual(created.pimsCustomerCode, "AC-1")
      assert.isNull(created.priceCode)
      assert.strictEqual(created.version, 1)
      assert.deepStrictEqual(yield* getOrganization(adminActor, created.id), created)

      const updated = yield* updateOrganization(
        adminActor,
        created.id,
        { name: "Acme Dental Group", priceCode: "P7", pimsCustomerCode: null },
        { expectedVersion: 1 }
      )
      assert.strictEqual(updated.name, "Acme Dental Group")
      assert.strictEqual(updated.priceCode, "P7")
      assert.isNull(updated.pimsCustomerCode)
      assert.strictEqual(updated.version, 2)

      yield* deleteOrganization(adminActor, created.id)
      const gone = yield* Effect.flip(getOrganization(adminActor, created.id))
      assert.strictEqual(gone._tag, "OrganizationNotFound")

      const events = yield* auditTrail
      assert.deepStrictEqual(
        events.map((e) => e.action),
        ["organization.created", "organization.updated", "organization.deleted"]
      )
      assert.isTrue(events.every((e) => e.actorId === admin.id && e.targetId === created.id))
    }).pipe(provide)
  )

  it.effect("deleting an organization removes its memberships", () =>
    Effect.gen(function* () {
      const { tenant, adminActor, organization, user } = yield* seedTenantWithMember({ role: "Limited" })
      yield* deleteOrganization(adminActor, organization.id)
      const left = yield* (yield* MembershipRepository).find(tenant.id, organization.id, user.id)
      assert.isTrue(Option.isNone(left))
    }).pipe(provide)
  )

  it.effect("a stale version is VersionConflict and changes nothing", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* updateOrganization(adminActor, organization.id, { name: "First" }, { expectedVersion: 1 })
      const before = yield* snapshot
      const error = yield* Effect.flip(
        updateOrganization(adminActor, organization.id, { name: "Second" }, { expectedVersion: 1 })
      )
      assert.strictEqual(error._tag, "VersionConflict")
      if (error._tag === "VersionConflict") assert.deepStrictEqual([error.expected, error.actual], [1, 2])
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("names and codes are validated by the organization Schemas", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      for (const name of ["", " padded ", "x".repeat(201)]) {
        const error = yield* Effect.flip(createOrganization(adminActor, { name }))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(name))
      }
      const badCode = yield* Effect.flip(createOrganization(adminActor, { name: "Fine", priceCode: "" }))
      assert.strictEqual(badCode._tag, "InvalidInput")
      if (badCode._tag === "InvalidInput") assert.strictEqual(badCode.errors[0]?.path, "priceCode")
      const organization = yield* seedOrganization(tenant)
      const badUpdate = yield* Effect.flip(updateOrganization(adminActor, organization.id, { name: " " }))
      assert.strictEqual(badUpdate._tag, "InvalidInput")
      assert.strictEqual((yield* snapshot).get(memory.tables.Audit).length, 0)
    }).pipe(provide)
  )

  it.effect("a user without orgs:manage cannot write, and leaves no trace", () =>
    Effect.gen(function* () {
      const { tenant, organization, actor: orgAdmin } = yield* seedTenantWithMember({ role: "Admin" })
      const regular = actorOf(yield* seedUser(tenant, { role: role("Regular") }))
      const before = yield* snapshot
      for (const actor of [regular, orgAdmin]) {
        const attempts = [
          createOrganization(actor, { name: "Nope" }),
          updateOrganization(actor, organization.id, { name: "Nope" }),
          deleteOrganization(actor, organization.id)
        ]
        for (const attempt of attempts) {
          const error = yield* Effect.flip(attempt)
          assert.strictEqual(error._tag, "Forbidden")
        }
      }
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )
})

describe("organizations: reads", () => {
  it.effect("a member reads their own organization only; a staff member without org access reads none", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const own = yield* seedOrganization(tenant)
      const other = yield* seedOrganization(tenant)
      const { actor } = yield* seedMember(tenant, own.id, { role: "Limited" })
      assert.strictEqual((yield* getOrganization(actor, own.id)).id, own.id)
      const error = yield* Effect.flip(getOrganization(actor, other.id))
      assert.strictEqual(error._tag, "Forbidden")
      // No existence oracle: an id that does not exist gets the same answer as one that does.
      const unknown = yield* Effect.flip(
        getOrganization(actor, globalThis.crypto.randomUUID() as OrganizationId)
      )
      assert.strictEqual(unknown._tag, "Forbidden")

      const regular = actorOf(yield* seedUser(tenant, { role: role("Regular") }))
      assert.strictEqual((yield* Effect.flip(getOrganization(regular, own.id)))._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(listOrganizations(regular)))._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("a disabled membership grants no read", () =>
    Effect.gen(function* () {
      const { organization, actor } = yield* seedTenantWithMember({ role: "Admin", active: false })
      assert.strictEqual((yield* Effect.flip(getOrganization(actor, organization.id)))._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("listOrganizations: managers see all by name; a member sees only their organizations", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const names = ["delta", "Alpha", "charlie", "Bravo", "echo"]
      const organizations = []
      for (const name of names) organizations.push(yield* seedOrganization(tenant, { name }))
      const all = yield* listOrganizations(adminActor)
      assert.deepStrictEqual(
        all.items.map((o) => o.name),
        ["Alpha", "Bravo", "charlie", "delta", "echo"]
      )
      assert.strictEqual(all.total, 5)

      const [first, second] = organizations
      const { user, actor } = yield* seedMember(tenant, first!.id, { role: "Limited" })
      yield* (yield* MembershipRepository).insert({
        tenantId: tenant.id,
        organizationId: second!.id,
        userId: user.id,
        role: role("Limited"),
        active: true,
        expiresAt: null,
        createdAt: new Date(0),
        updatedAt: new Date(0)
      })
      const mine = yield* listOrganizations(actor)
      assert.deepStrictEqual(
        mine.items.map((o) => o.name),
        ["Alpha", "delta"]
      )
      assert.strictEqual(mine.total, 2)
      const searched = yield* listOrganizations(actor, { q: "ALP" })
      assert.deepStrictEqual(
        searched.items.map((o) => o.name),
        ["Alpha"]
      )
    }).pipe(provide)
  )

  it.effect("listOrganizations pages with a cursor and refuses a forged one", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      for (let i = 0; i < 5; i++) yield* seedOrganization(tenant, { name: `Org ${i}` })
      const first = yield* listOrganizations(adminActor, { limit: 2 })
      assert.deepStrictEqual(
        first.items.map((o) => o.name),
        ["Org 0", "Org 1"]
      )
      assert.strictEqual(first.total, 5)
      const second = yield* listOrganizations(adminActor, { limit: 2, cursor: first.nextCursor ?? "" })
      assert.deepStrictEqual(
        second.items.map((o) => o.name),
        ["Org 2", "Org 3"]
      )
      const third = yield* listOrganizations(adminActor, { limit: 2, cursor: second.nextCursor ?? "" })
      assert.deepStrictEqual(
        third.items.map((o) => o.name),
        ["Org 4"]
      )
      assert.isNull(third.nextCursor)

      const forged = yield* Effect.flip(listOrganizations(adminActor, { cursor: "not-a-cursor" }))
      assert.strictEqual(forged._tag, "InvalidInput")
      const tooMany = yield* Effect.flip(listOrganizations(adminActor, { limit: 1000 }))
      assert.strictEqual(tooMany._tag, "InvalidInput")
    }).pipe(provide)
  )
})
