import { assert, describe, it } from "@effect/vitest"
import { AuditLog, addMember, type Email, MembershipRepository, presets, startSetup } from "@gatehouse/domain"
import { memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { followSetupLink, theInvitationEmail, tokenOfLink } from "../users/setupMail.ts"
import {
  actorOf,
  auditTrail,
  email,
  findUser,
  provide,
  role,
  seedMember,
  seedOrganization,
  seedOrganizationRole,
  snapshot
} from "./support.ts"

const person = (address: string, roleName = "Limited") => ({
  email: email(address),
  firstName: "Pat",
  lastName: "Portal",
  role: role(roleName)
})

describe("addMember", () => {
  it.effect("a new email creates a pending user with the preset's member role and no password", () =>
    Effect.gen(function* () {
      const { tenant, adminActor, admin } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const added = yield* addMember(adminActor, organization.id, person("pat@example.com"))
      assert.isTrue(added.created)
      // a tenant admin gets the full view
      assert.strictEqual(String("status" in added.user && added.user.status), "pending")
      assert.strictEqual(String("role" in added.user && added.user.role), presets.weevio.memberRole)
      assert.notProperty(added.user, "passwordHash")
      assert.notProperty(added.user, "adminNotes")
      assert.deepStrictEqual(
        {
          role: added.membership.role,
          active: added.membership.active,
          expiresAt: added.membership.expiresAt
        },
        { role: "Limited", active: true, expiresAt: null }
      )
      const stored = yield* findUser(tenant, email("pat@example.com"))
      assert.isNull(stored?.passwordHash)
      const events = yield* auditTrail
      assert.deepStrictEqual(
        events.map((e) => e.action),
        ["user.created", "membership.added", "invitation.issued"]
      )
      assert.isTrue(events.every((e) => e.actorId === admin.id && e.targetId === added.user.id))
    }).pipe(provide)
  )

  it.effect("an existing user (any casing) is added as is; their names are not overwritten", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const existing = yield* seedUser(tenant, {
        email: email("dana@example.com"),
        firstName: "Dana",
        lastName: "Scully",
        adminNotes: "private"
      })
      const added = yield* addMember(adminActor, organization.id, {
        ...person("x@example.com"),
        email: "  DANA@Example.com " as Email,
        firstName: "Someone",
        lastName: "Else"
      })
      assert.isFalse(added.created)
      assert.strictEqual(added.user.id, existing.id)
      assert.strictEqual(added.user.firstName, "Dana")
      assert.notProperty(added.user, "adminNotes")
      assert.deepStrictEqual(
        (yield* auditTrail).map((e) => e.action),
        ["membership.added"]
      )
      // An existing person is not sent a setup link.
      assert.isUndefined(added.setupUrl)
      assert.lengthOf(yield* memory.Mailer.outbox, 0)
    }).pipe(provide)
  )

  it.effect(
    "an email is a member of an organization at most once, in any casing: AlreadyMember, no trace",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        yield* addMember(adminActor, organization.id, person("twice@example.com"))
        const before = yield* snapshot
        for (const spelling of ["twice@example.com", "TWICE@EXAMPLE.COM", " Twice@Example.com"]) {
          const error = yield* Effect.flip(
            addMember(adminActor, organization.id, { ...person("a@example.com"), email: spelling as Email })
          )
          assert.strictEqual(error._tag, "AlreadyMember")
        }
        assert.deepStrictEqual(yield* snapshot, before)
        const rows = yield* (yield* MembershipRepository).listByOrganization(tenant.id, organization.id)
        assert.strictEqual(rows.length, 1)
      }).pipe(provide)
  )

  it.effect("the same person may belong to several organizations", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const first = yield* seedOrganization(tenant)
      const second = yield* seedOrganization(tenant)
      const a = yield* addMember(adminActor, first.id, person("multi@example.com"))
      const b = yield* addMember(adminActor, second.id, person("multi@example.com", "Admin"))
      assert.strictEqual(a.user.id, b.user.id)
      assert.isFalse(b.created)
    }).pipe(provide)
  )

  it.effect(
    "an organization Admin manages their own organization's members, and is Forbidden in another",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const own = yield* seedOrganization(tenant)
        const other = yield* seedOrganization(tenant)
        const { actor } = yield* seedMember(tenant, own.id, { role: "Admin" })
        const added = yield* addMember(actor, own.id, person("colleague@example.com", "Admin"))
        assert.strictEqual(added.membership.organizationId, own.id)
        const before = yield* snapshot
        const error = yield* Effect.flip(addMember(actor, other.id, person("intruder@example.com")))
        assert.strictEqual(error._tag, "Forbidden")
        assert.deepStrictEqual(yield* snapshot, before)
      }).pipe(provide)
  )

  it.effect("a Limited member and a Regular staff user cannot manage members", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const limited = (yield* seedMember(tenant, organization.id, { role: "Limited" })).actor
      const regular = actorOf(yield* seedUser(tenant, { role: role("Regular") }))
      for (const actor of [limited, regular]) {
        const error = yield* Effect.flip(addMember(actor, organization.id, person("nope@example.com")))
        assert.strictEqual(error._tag, "Forbidden")
      }
      assert.strictEqual((yield* snapshot).get(memory.tables.Audit).length, 0)
    }).pipe(provide)
  )

  it.effect("the role must be an organization role", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      for (const name of ["Regular", "Owner"]) {
        const error = yield* Effect.flip(
          addMember(adminActor, organization.id, person("r@example.com", name))
        )
        assert.strictEqual(error._tag, "RoleNotFound")
      }
    }).pipe(provide)
  )

  it.effect("rule 4: nobody grants an organization role holding permissions they lack there", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* seedOrganizationRole(tenant, "Gatekeeper", ["members:manage"])
      const { actor } = yield* seedMember(tenant, organization.id, { role: "Gatekeeper" })
      const before = yield* snapshot
      const error = yield* Effect.flip(addMember(actor, organization.id, person("up@example.com", "Limited")))
      assert.strictEqual(error._tag, "RoleEscalation")
      if (error._tag === "RoleEscalation") assert.deepStrictEqual(error.missing, ["org:read"])
      assert.deepStrictEqual(yield* snapshot, before)
      const ok = yield* addMember(actor, organization.id, person("peer@example.com", "Gatekeeper"))
      assert.strictEqual(ok.membership.role, "Gatekeeper")
    }).pipe(provide)
  )

  it.effect("invalid names are InvalidInput", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const error = yield* Effect.flip(
        addMember(adminActor, organization.id, { ...person("n@example.com"), firstName: "" })
      )
      assert.strictEqual(error._tag, "InvalidInput")
      const badEmail = yield* Effect.flip(
        addMember(adminActor, organization.id, { ...person("n@example.com"), email: "not an email" as Email })
      )
      assert.strictEqual(badEmail._tag, "InvalidInput")
    }).pipe(provide)
  )

  it.effect(
    "a new member is sent a setup invitation in the same call: one email with the link, which the person follows to become active",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        // An organization Admin, not a tenant admin, invites a colleague (the customer portal's Users page).
        const { actor } = yield* seedMember(tenant, organization.id, { role: "Admin" })
        const expiresAt = new Date(Date.UTC(2030, 0, 1))
        const added = yield* addMember(actor, organization.id, {
          ...person("colleague@example.com", "Limited"),
          expiresAt
        })
        assert.isTrue(added.created)
        assert.isDefined(added.setupUrl)
        assert.isTrue(Redacted.isRedacted(added.setupUrl))
        assert.isTrue(added.emailSent)
        // The link's expiry is the invitation's, not the membership's.
        assert.strictEqual(added.membership.expiresAt?.getTime(), expiresAt.getTime())
        assert.isDefined(added.expiresAt)
        assert.notStrictEqual(added.expiresAt?.getTime(), expiresAt.getTime())

        const { mail, link } = yield* theInvitationEmail
        assert.strictEqual(mail.to, "colleague@example.com")
        assert.strictEqual(link, Redacted.value(added.setupUrl!))
        const started = yield* startSetup({ token: tokenOfLink(link) })
        assert.strictEqual(started.email, "colleague@example.com")
        yield* followSetupLink(link)
        const stored = yield* findUser(tenant, email("colleague@example.com"))
        assert.strictEqual(stored?.status, "active")
      }).pipe(provide)
  )

  it.effect(
    "the invitation is part of the transaction: a failure while issuing it leaves no user, no membership, no email",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const log = yield* AuditLog
        const before = yield* snapshot
        const exit = yield* Effect.exit(
          addMember(adminActor, organization.id, person("ghost@example.com")).pipe(
            Effect.provideService(
              AuditLog,
              AuditLog.of({
                ...log,
                append: (event) =>
                  event.action === "invitation.issued"
                    ? Effect.die(new Error("disk full"))
                    : log.append(event)
              })
            )
          )
        )
        assert.strictEqual(exit._tag, "Failure")
        assert.deepStrictEqual(yield* snapshot, before)
        assert.lengthOf(yield* memory.Mailer.outbox, 0)
        assert.isUndefined(yield* findUser(tenant, email("ghost@example.com")))
      }).pipe(provide)
  )
})
