import { assert, describe, it } from "@effect/vitest"
import {
  addMember,
  changeRole,
  completeSetup,
  createUser,
  getMe,
  RoleRepository,
  regenerateSetupLink,
  type SetupLink,
  updateMember,
  updateUser
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, type Redacted } from "effect"
import {
  actorOf,
  auditTrail,
  email,
  provide,
  role,
  seedMember,
  seedOrganization
} from "../memberships/support.ts"
import { goodPassword, tokenOf } from "./fixtures.ts"

// Issue 12, item 1: whoever holds a pending user's setup link becomes that user. A link issued by a lesser
// actor must not survive a grant that actor could not make: the promotion revokes it, and a new link comes
// from whoever may grant the new role.

const linkOf = (added: { readonly setupUrl?: Redacted.Redacted<string>; readonly expiresAt?: Date }) =>
  tokenOf({ setupUrl: added.setupUrl!, expiresAt: added.expiresAt!, emailSent: true } satisfies SetupLink)

const complete = (token: Redacted.Redacted<string>) =>
  completeSetup({ token, displayName: "New Person", password: goodPassword })

const completionTag = (token: Redacted.Redacted<string>) =>
  Effect.matchEffect(complete(token), {
    onFailure: (error) => Effect.succeed(error._tag as string),
    onSuccess: () => Effect.succeed("completed")
  })

describe("a setup link does not outlive a promotion of its pending user", () => {
  it.effect(
    "an organization Admin's link for new-cfo stops working once a tenant Admin makes them Admin",
    () =>
      Effect.gen(function* () {
        const { tenant, admin, adminActor } = yield* seedTenant({ preset: "weevio" })
        const organization = yield* seedOrganization(tenant)
        const orgAdmin = yield* seedMember(tenant, organization.id, { role: "Admin" })
        const added = yield* addMember(orgAdmin.actor, organization.id, {
          email: email("new-cfo@example.com"),
          firstName: "New",
          lastName: "Cfo",
          role: role("Limited")
        })
        const held = linkOf(added)
        yield* changeRole(adminActor, added.user.id, role("Admin"))

        assert.strictEqual(yield* completionTag(held), "TokenInvalid")
        const revoked = (yield* auditTrail).filter((e) => e.action === "invitation.revoked")
        assert.strictEqual(revoked.length, 1)
        assert.strictEqual(revoked[0]?.targetId, added.user.id)
        assert.strictEqual(revoked[0]?.actorId, admin.id)

        // whoever may grant Admin issues the new link, and it works
        const fresh = yield* regenerateSetupLink(adminActor, added.user.id)
        assert.strictEqual(yield* completionTag(tokenOf(fresh)), "completed")
        const me = yield* getMe(actorOf({ tenantId: tenant.id, id: added.user.id }))
        assert.strictEqual(me.role, "Admin")
      }).pipe(provide)
  )

  it.effect("a wetrack Admin's invitation of a General user dies when a User Admin promotes them", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      const wetrackAdmin = actorOf(yield* seedUser(tenant, { role: role("Admin") }))
      const userAdmin = actorOf(yield* seedUser(tenant, { role: role("User Admin") }))
      const created = yield* createUser(wetrackAdmin, {
        email: email("general@example.com"),
        firstName: "Gene",
        lastName: "Ral",
        role: role("General"),
        credential: { _tag: "Invite" }
      })
      const held = linkOf(created)
      yield* changeRole(userAdmin, created.user.id, role("User Admin"))
      assert.strictEqual(yield* completionTag(held), "TokenInvalid")
    }).pipe(provide)
  )

  it.effect("granting module permissions to a pending user revokes their open link", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant({ preset: "wetrack" })
      const created = yield* createUser(adminActor, {
        email: email("modules@example.com"),
        firstName: "Mod",
        lastName: "Ules",
        role: role("General"),
        credential: { _tag: "Invite" }
      })
      const held = linkOf(created)
      yield* updateUser(
        adminActor,
        created.user.id,
        { modulePermissions: ["module:reports"] },
        created.user.version
      )
      assert.strictEqual(yield* completionTag(held), "TokenInvalid")
    }).pipe(provide)
  )

  it.effect("a change of a pending member's membership role revokes their open link", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "weevio" })
      const organization = yield* seedOrganization(tenant)
      const orgAdmin = yield* seedMember(tenant, organization.id, { role: "Admin" })
      const added = yield* addMember(orgAdmin.actor, organization.id, {
        email: email("limited@example.com"),
        firstName: "Lim",
        lastName: "Ited",
        role: role("Limited")
      })
      const held = linkOf(added)
      yield* updateMember(adminActor, organization.id, added.user.id, { role: role("Admin") })
      assert.strictEqual(yield* completionTag(held), "TokenInvalid")
    }).pipe(provide)
  )

  it.effect("another organization adding the pending user revokes the link the first one holds", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "weevio" })
      const first = yield* seedOrganization(tenant)
      const second = yield* seedOrganization(tenant)
      const firstAdmin = yield* seedMember(tenant, first.id, { role: "Admin" })
      const secondAdmin = yield* seedMember(tenant, second.id, { role: "Admin" })
      const added = yield* addMember(firstAdmin.actor, first.id, {
        email: email("shared@example.com"),
        firstName: "Sha",
        lastName: "Red",
        role: role("Limited")
      })
      const held = linkOf(added)
      yield* addMember(secondAdmin.actor, second.id, {
        email: email("shared@example.com"),
        firstName: "Sha",
        lastName: "Red",
        role: role("Admin")
      })
      assert.strictEqual(yield* completionTag(held), "TokenInvalid")
    }).pipe(provide)
  )

  it.effect("a tenant user without members:manage cannot issue a link for a pending organization Admin", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "weevio" })
      const organization = yield* seedOrganization(tenant)
      const orgAdmin = yield* seedMember(tenant, organization.id, { role: "Admin" })
      const added = yield* addMember(orgAdmin.actor, organization.id, {
        email: email("portal-admin@example.com"),
        firstName: "Por",
        lastName: "Tal",
        role: role("Admin")
      })
      yield* (yield* RoleRepository)
        .insert({
          tenantId: tenant.id,
          name: role("Inviter"),
          scope: "tenant",
          permissions: ["users:invite", "users:read"],
          requiresTotp: false,
          builtIn: false
        })
        .pipe(Effect.orDie)
      const inviter = actorOf(yield* seedUser(tenant, { role: role("Inviter") }))
      const error = yield* Effect.flip(regenerateSetupLink(inviter, added.user.id))
      assert.strictEqual(error._tag, "RoleEscalation")
    }).pipe(provide)
  )
})
