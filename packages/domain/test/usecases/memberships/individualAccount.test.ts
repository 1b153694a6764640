import { assert, describe, it } from "@effect/vitest"
import { addMember, listMembers, removeMember, updateMember } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { email, failureTag, provide, role, seedMember, seedOrganization, snapshot } from "./support.ts"

const person = (address: string) => ({
  email: email(address),
  firstName: "Pat",
  lastName: "Portal",
  role: role("Limited")
})

describe("an individual (non-business) account has no member management (001)", () => {
  it.effect(
    "its own Admin neither adds, changes nor removes members: IndividualAccount, nothing written",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const account = yield* seedOrganization(tenant, { kind: "individual" })
        const { actor: owner } = yield* seedMember(tenant, account.id, { role: "Admin" })
        const { user: other } = yield* seedMember(tenant, account.id, { role: "Limited" })
        const staff = yield* seedUser(tenant, { role: role("Regular") })
        const before = yield* snapshot
        const tags = {
          add: yield* failureTag(addMember(owner, account.id, person("new@example.com"))),
          // 002's landed rule answers UserNotAddable for staff; an individual account refuses before asking who
          addStaff: yield* failureTag(addMember(owner, account.id, person(staff.email))),
          addExisting: yield* failureTag(addMember(owner, account.id, person(other.email))),
          change: yield* failureTag(updateMember(owner, account.id, other.id, { role: role("Admin") })),
          disable: yield* failureTag(updateMember(owner, account.id, other.id, { active: false })),
          remove: yield* failureTag(removeMember(owner, account.id, other.id))
        }
        assert.deepStrictEqual(tags, {
          add: "IndividualAccount",
          addStaff: "IndividualAccount",
          addExisting: "IndividualAccount",
          change: "IndividualAccount",
          disable: "IndividualAccount",
          remove: "IndividualAccount"
        })
        assert.deepStrictEqual(yield* snapshot, before)
        // reading stays: the account's members see who is in it
        assert.strictEqual((yield* listMembers(owner, account.id)).total, 2)
      }).pipe(provide)
  )

  it.effect("a Limited member of it is Forbidden as anywhere else; a tenant admin still manages it", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const account = yield* seedOrganization(tenant, { kind: "individual" })
      const { actor: limited } = yield* seedMember(tenant, account.id, { role: "Limited" })
      const { user: owner } = yield* seedMember(tenant, account.id, { role: "Admin" })
      const forbidden = yield* Effect.flip(addMember(limited, account.id, person("x@example.com")))
      assert.strictEqual(forbidden._tag, "Forbidden")
      const { user: helper } = yield* seedMember(tenant, account.id, { role: "Limited" })
      yield* addMember(adminActor, account.id, person("new@example.com"))
      yield* updateMember(adminActor, account.id, helper.id, { role: role("Admin") })
      yield* updateMember(adminActor, account.id, owner.id, { role: role("Limited") })
      yield* removeMember(adminActor, account.id, owner.id)
      assert.strictEqual((yield* listMembers(adminActor, account.id)).total, 3)
    }).pipe(provide)
  )

  it.effect("the same Admin of a business account manages its members", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const business = yield* seedOrganization(tenant, { kind: "business" })
      const { actor: owner } = yield* seedMember(tenant, business.id, { role: "Admin" })
      const added = yield* addMember(owner, business.id, person("colleague@example.com"))
      yield* updateMember(owner, business.id, added.user.id, { active: false })
      yield* removeMember(owner, business.id, added.user.id)
    }).pipe(provide)
  )
})
