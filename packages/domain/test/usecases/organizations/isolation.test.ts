import { assert, describe, it } from "@effect/vitest"
import {
  addMember,
  deleteOrganization,
  getOrganization,
  listMembers,
  listOrganizations,
  removeMember,
  updateMember,
  updateOrganization
} from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import {
  email,
  failureTag,
  provide,
  role,
  seedMember,
  seedOrganization,
  snapshot
} from "../memberships/support.ts"

describe("tenant isolation (rule 1)", () => {
  it.effect(
    "an organization id of tenant B is OrganizationNotFound for tenant A's admin, and B is untouched",
    () =>
      Effect.gen(function* () {
        const a = yield* seedTenant()
        const b = yield* seedTenant()
        const theirs = yield* seedOrganization(b.tenant, { name: "Secret Customer" })
        const { user: theirMember } = yield* seedMember(b.tenant, theirs.id, { role: "Admin" })
        yield* seedMember(b.tenant, theirs.id, { role: "Admin" })
        const before = yield* snapshot

        const attempts = [
          failureTag(getOrganization(a.adminActor, theirs.id)),
          failureTag(updateOrganization(a.adminActor, theirs.id, { name: "Mine now" })),
          failureTag(deleteOrganization(a.adminActor, theirs.id)),
          failureTag(
            addMember(a.adminActor, theirs.id, {
              email: email("spy@example.com"),
              firstName: "Spy",
              lastName: "Agent",
              role: role("Admin")
            })
          ),
          failureTag(listMembers(a.adminActor, theirs.id)),
          failureTag(updateMember(a.adminActor, theirs.id, theirMember.id, { role: role("Limited") })),
          failureTag(removeMember(a.adminActor, theirs.id, theirMember.id))
        ]
        for (const attempt of attempts) {
          assert.strictEqual(yield* attempt, "OrganizationNotFound")
        }
        const listed = yield* listOrganizations(a.adminActor)
        assert.strictEqual(listed.total, 0)
        assert.deepStrictEqual(yield* snapshot, before)
      }).pipe(provide)
  )
})
