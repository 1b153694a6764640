import { assert, describe, it } from "@effect/vitest"
import {
  addGroupMember,
  createGroup,
  deleteGroup,
  type GroupId,
  getGroup,
  listGroups,
  removeGroupMember,
  UserRepository,
  updateGroup
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { actorOf, auditTrail, failureTag, provide, role, snapshot } from "../memberships/support.ts"

describe("groups", () => {
  it.effect("create, rename, list by name and delete, each audited", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const night = yield* createGroup(adminActor, { name: "Night shift", description: "22:00-06:00" })
      yield* createGroup(adminActor, { name: "day shift" })
      assert.strictEqual(night.tenantId, tenant.id)
      assert.strictEqual(night.description, "22:00-06:00")
      const renamed = yield* updateGroup(adminActor, night.id, { name: "Late shift", description: null })
      assert.strictEqual(renamed.name, "Late shift")
      assert.isNull(renamed.description)
      assert.deepStrictEqual(
        (yield* listGroups(adminActor)).map((g) => g.name),
        ["day shift", "Late shift"]
      )
      yield* deleteGroup(adminActor, night.id)
      assert.deepStrictEqual(
        (yield* listGroups(adminActor)).map((g) => g.name),
        ["day shift"]
      )
      assert.deepStrictEqual(
        (yield* auditTrail).map((e) => e.action),
        ["group.created", "group.created", "group.updated", "group.deleted"]
      )
    }).pipe(provide)
  )

  it.effect("names are unique per tenant in any casing (NameTaken), and a failure leaves no trace", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant({ preset: "wetrack" })
      const other = yield* seedTenant({ preset: "wetrack" })
      yield* createGroup(adminActor, { name: "Drivers" })
      const second = yield* createGroup(adminActor, { name: "Mechanics" })
      const before = yield* snapshot
      assert.strictEqual(yield* failureTag(createGroup(adminActor, { name: "DRIVERS" })), "NameTaken")
      assert.strictEqual(
        yield* failureTag(updateGroup(adminActor, second.id, { name: "drivers" })),
        "NameTaken"
      )
      assert.deepStrictEqual(yield* snapshot, before)
      // Another tenant may use the name.
      const theirs = yield* createGroup(other.adminActor, { name: "Drivers" })
      assert.strictEqual(theirs.name, "Drivers")
      // A group keeps its own name under another casing.
      const recased = yield* updateGroup(adminActor, second.id, { name: "MECHANICS" })
      assert.strictEqual(recased.name, "MECHANICS")
    }).pipe(provide)
  )

  it.effect("names are validated", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant({ preset: "wetrack" })
      for (const name of ["", " Drivers", "x".repeat(101)]) {
        assert.strictEqual(yield* failureTag(createGroup(adminActor, { name })), "InvalidInput")
      }
    }).pipe(provide)
  )

  it.effect(
    "adding and removing a member updates the user's groups at its version; both are idempotent",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
        const group = yield* createGroup(adminActor, { name: "Drivers" })
        const user = yield* seedUser(tenant, { role: role("General") })
        const users = yield* UserRepository
        yield* addGroupMember(adminActor, group.id, user.id)
        yield* addGroupMember(adminActor, group.id, user.id)
        const joined = Option.getOrThrow(yield* users.findById(tenant.id, user.id))
        assert.deepStrictEqual(joined.groupIds, [group.id])
        assert.strictEqual(joined.version, user.version + 1)
        yield* removeGroupMember(adminActor, group.id, user.id)
        yield* removeGroupMember(adminActor, group.id, user.id)
        const left = Option.getOrThrow(yield* users.findById(tenant.id, user.id))
        assert.deepStrictEqual(left.groupIds, [])
        assert.strictEqual(left.version, user.version + 2)
        const actions = (yield* auditTrail).map((e) => e.action)
        assert.deepStrictEqual(actions, ["group.created", "group.member_added", "group.member_removed"])
      }).pipe(provide)
  )

  it.effect("deleting a group takes it off its members", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const group = yield* createGroup(adminActor, { name: "Drivers" })
      const user = yield* seedUser(tenant, { role: role("General") })
      yield* addGroupMember(adminActor, group.id, user.id)
      yield* deleteGroup(adminActor, group.id)
      const after = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.deepStrictEqual(after.groupIds, [])
    }).pipe(provide)
  )

  it.effect("unknown groups and users, also those of another tenant, are not found", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const other = yield* seedTenant({ preset: "wetrack" })
      const theirGroup = yield* createGroup(other.adminActor, { name: "Theirs" })
      const theirUser = yield* seedUser(other.tenant)
      const group = yield* createGroup(adminActor, { name: "Ours" })
      const user = yield* seedUser(tenant)
      const before = yield* snapshot
      assert.strictEqual(
        yield* failureTag(updateGroup(adminActor, theirGroup.id, { name: "Mine" })),
        "GroupNotFound"
      )
      assert.strictEqual(yield* failureTag(deleteGroup(adminActor, theirGroup.id)), "GroupNotFound")
      assert.strictEqual(
        yield* failureTag(addGroupMember(adminActor, theirGroup.id, user.id)),
        "GroupNotFound"
      )
      assert.strictEqual(
        yield* failureTag(addGroupMember(adminActor, group.id, theirUser.id)),
        "UserNotFound"
      )
      assert.strictEqual(
        yield* failureTag(removeGroupMember(adminActor, crypto.randomUUID() as GroupId, user.id)),
        "GroupNotFound"
      )
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("groups:manage is needed to change groups; users:read suffices to list them", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const group = yield* createGroup(adminActor, { name: "Drivers" })
      const general = actorOf(yield* seedUser(tenant, { role: role("General") }))
      const target = yield* seedUser(tenant, { role: role("General") })
      const before = yield* snapshot
      assert.strictEqual(yield* failureTag(createGroup(general, { name: "Mine" })), "Forbidden")
      assert.strictEqual(yield* failureTag(updateGroup(general, group.id, { name: "Mine" })), "Forbidden")
      assert.strictEqual(yield* failureTag(deleteGroup(general, group.id)), "Forbidden")
      assert.strictEqual(yield* failureTag(addGroupMember(general, group.id, target.id)), "Forbidden")
      assert.strictEqual(yield* failureTag(removeGroupMember(general, group.id, target.id)), "Forbidden")
      assert.strictEqual(yield* failureTag(listGroups(general)), "Forbidden")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect(
    "getGroup answers one of the tenant's groups; another tenant's or an unknown id is not found",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
        const other = yield* seedTenant({ preset: "wetrack" })
        const theirs = yield* createGroup(other.adminActor, { name: "Theirs" })
        const ours = yield* createGroup(adminActor, { name: "Ours" })
        assert.deepStrictEqual(yield* getGroup(adminActor, ours.id), ours)
        assert.strictEqual(yield* failureTag(getGroup(adminActor, theirs.id)), "GroupNotFound")
        assert.strictEqual(
          yield* failureTag(getGroup(adminActor, crypto.randomUUID() as GroupId)),
          "GroupNotFound"
        )
        const general = actorOf(yield* seedUser(tenant, { role: role("General") }))
        assert.strictEqual(yield* failureTag(getGroup(general, ours.id)), "Forbidden")
      }).pipe(provide)
  )
})
