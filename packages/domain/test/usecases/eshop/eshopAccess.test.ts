import { assert, describe, it } from "@effect/vitest"
import {
  type Actor,
  ESHOP_TAG_CONFLICT_MESSAGE,
  eshopActivationUrl,
  eshopStatus,
  inviteToEshop,
  MembershipRepository,
  type OrganizationId,
  resendEshopInvite,
  revokeEshop,
  type UserId
} from "@gatehouse/domain"
import { seedUser } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { actorOf, auditTrail, failureTag, role, seedOrganization } from "../memberships/support.ts"
import { type PortalTenant, portalTenant, provideShop } from "./support.ts"

type EshopUseCase = (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) => Effect.Effect<unknown, { readonly _tag: string }, never>

const useCases = {
  eshopStatus,
  inviteToEshop,
  resendEshopInvite,
  revokeEshop,
  eshopActivationUrl
} as unknown as Record<string, EshopUseCase>

describe("eShop access: who may manage it", () => {
  it.live("portal Admins manage their own organization's members, tenant admins every organization's", () =>
    Effect.gen(function* () {
      const t = yield* portalTenant()
      const byOwnAdmin = yield* inviteToEshop(t.acmeAdmin, t.acme.id, t.member.id)
      assert.strictEqual(byOwnAdmin.status, "invited")
      assert.deepStrictEqual(yield* eshopStatus(t.adminActor, t.acme.id, t.member.id), { status: "invited" })
      const [event] = (yield* auditTrail).filter((e) => e.action === "eshop.invited")
      assert.strictEqual(event?.actorId, t.acmeAdmin._tag === "User" ? t.acmeAdmin.userId : undefined)
      assert.strictEqual(event?.targetId, t.member.id)
      assert.strictEqual(event?.details.organizationId, t.acme.id)
    }).pipe(provideShop())
  )

  it.live("everyone else is Forbidden, for every eShop use case, before Shopify is called", () =>
    Effect.gen(function* () {
      const t = yield* portalTenant()
      const staff = yield* seedUser(t.tenant, { role: role("Regular") })
      const outsiders: ReadonlyArray<[string, Actor]> = [
        ["Globex's portal Admin", t.globexAdmin],
        ["a Limited member of Acme", t.acmeLimited],
        ["a Regular staff user", actorOf(staff)]
      ]
      for (const [who, actor] of outsiders) {
        for (const [name, useCase] of Object.entries(useCases)) {
          assert.strictEqual(
            yield* failureTag(useCase(actor, t.acme.id, t.member.id)),
            "Forbidden",
            `${who}: ${name}`
          )
        }
      }
      assert.lengthOf(t.fake.requests(), 0)
      assert.lengthOf(t.fake.customers(), 0)
    }).pipe(provideShop())
  )

  it.live("a tenant without a connected store: EshopNotConfigured", () =>
    Effect.gen(function* () {
      const t = yield* portalTenant({ connect: false })
      for (const useCase of Object.values(useCases)) {
        assert.strictEqual(
          yield* failureTag(useCase(t.adminActor, t.acme.id, t.member.id)),
          "EshopNotConfigured"
        )
      }
    }).pipe(provideShop())
  )

  it.live(
    "the user must be a member of that organization, whose membership is in effect to be granted access",
    () =>
      Effect.gen(function* () {
        const t = yield* portalTenant()
        // Pat is a member of Acme, not of Globex: even a tenant admin cannot reach Pat through Globex.
        assert.strictEqual(
          yield* failureTag(inviteToEshop(t.adminActor, t.globex.id, t.member.id)),
          "MembershipNotFound"
        )
        const elsewhere = yield* seedOrganization({ id: t.tenant.id }, { name: "Initech" })
        assert.strictEqual(
          yield* failureTag(eshopStatus(t.adminActor, elsewhere.id, t.member.id)),
          "MembershipNotFound"
        )
        const memberships = yield* MembershipRepository
        const membership = yield* memberships.find(t.tenant.id, t.acme.id, t.member.id)
        yield* memberships.update({ ...Option.getOrThrow(membership), active: false })
        assert.strictEqual(
          yield* failureTag(inviteToEshop(t.adminActor, t.acme.id, t.member.id)),
          "EshopMemberInactive"
        )
        // Reading the status and revoking still work for a disabled membership.
        assert.deepStrictEqual(yield* eshopStatus(t.adminActor, t.acme.id, t.member.id), {
          status: "no_account"
        })
        assert.deepStrictEqual(yield* revokeEshop(t.adminActor, t.acme.id, t.member.id), {
          status: "no_account"
        })
        assert.lengthOf(t.fake.customers(), 0)
      }).pipe(provideShop())
  )

  it.live("an organization without a customer code cannot grant access: EshopCustomerCodeMissing", () =>
    Effect.gen(function* () {
      const t = yield* portalTenant()
      const noCode = yield* seedOrganization({ id: t.tenant.id }, { pimsCustomerCode: null })
      yield* (yield* MembershipRepository).insert({
        tenantId: t.tenant.id,
        organizationId: noCode.id,
        userId: t.member.id,
        role: role("Limited"),
        active: true,
        expiresAt: null,
        createdAt: new Date(0),
        updatedAt: new Date(0)
      })
      assert.strictEqual(
        yield* failureTag(inviteToEshop(t.adminActor, noCode.id, t.member.id)),
        "EshopCustomerCodeMissing"
      )
      assert.lengthOf(t.fake.customers(), 0)
    }).pipe(provideShop())
  )
})

describe("eShop access: the conflict between organizations", () => {
  const inviteBoth = (t: PortalTenant) =>
    Effect.gen(function* () {
      yield* inviteToEshop(t.acmeAdmin, t.acme.id, t.member.id)
      // Pat also belongs to Globex, whose admin tries to give Pat access there too.
      yield* (yield* MembershipRepository).insert({
        tenantId: t.tenant.id,
        organizationId: t.globex.id,
        userId: t.member.id,
        role: role("Limited"),
        active: true,
        expiresAt: null,
        createdAt: new Date(0),
        updatedAt: new Date(0)
      })
      const before = t.fake.customers()
      const error = yield* Effect.flip(inviteToEshop(t.globexAdmin, t.globex.id, t.member.id))
      return { error, before }
    })

  it.live("a second organization's invite stops with the exact message and changes nothing", () =>
    Effect.gen(function* () {
      const t = yield* portalTenant()
      const { error, before } = yield* inviteBoth(t)
      assert.strictEqual(error._tag, "EshopTagConflict")
      assert.strictEqual(error.message, "This email address is tied to a different customer.")
      assert.strictEqual(error.message, ESHOP_TAG_CONFLICT_MESSAGE)
      assert.deepStrictEqual(t.fake.customers(), before)
      assert.deepStrictEqual(t.fake.customerByEmail("pat@example.com")?.tags, [
        "pims-customer:C100",
        "pims-name:Acme"
      ])
      assert.lengthOf(t.fake.outbox(), 1)
      assert.deepStrictEqual(yield* eshopStatus(t.globexAdmin, t.globex.id, t.member.id), {
        status: "inactive"
      })
      // Acme revoking frees the customer for Globex.
      yield* revokeEshop(t.acmeAdmin, t.acme.id, t.member.id)
      const globex = yield* inviteToEshop(t.globexAdmin, t.globex.id, t.member.id)
      assert.strictEqual(globex.status, "invited")
      assert.deepStrictEqual(t.fake.customerByEmail("pat@example.com")?.tags, [
        "pims-customer:C200",
        "pims-name:Globex"
      ])
    }).pipe(provideShop())
  )
})
