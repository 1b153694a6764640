import { assert, describe, it } from "@effect/vitest"
import { type Actor, eshopAvailability, type OrganizationId } from "@gatehouse/domain"
import { seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { actorOf, failureTag, role } from "../memberships/support.ts"
import { portalTenant, provideShop } from "./support.ts"

describe("eshopAvailability: whether a portal page shows its eShop columns", () => {
  it.live(
    "answers configured for the tenant admin and the organization's own Admin, without calling Shopify",
    () =>
      Effect.gen(function* () {
        const t = yield* portalTenant()
        for (const actor of [t.adminActor, t.acmeAdmin]) {
          assert.deepStrictEqual(yield* eshopAvailability(actor, t.acme.id), { configured: true })
        }
        assert.lengthOf(t.fake.requests(), 0)
      }).pipe(provideShop())
  )

  it.live("answers not configured for a tenant without a connected store", () =>
    Effect.gen(function* () {
      const t = yield* portalTenant({ connect: false })
      for (const actor of [t.adminActor, t.acmeAdmin]) {
        assert.deepStrictEqual(yield* eshopAvailability(actor, t.acme.id), { configured: false })
      }
    }).pipe(provideShop())
  )

  it.live(
    "is Forbidden to anyone without eshop:manage there, and OrganizationNotFound for an unknown id",
    () =>
      Effect.gen(function* () {
        const t = yield* portalTenant()
        const staff = yield* seedUser(t.tenant, { role: role("Regular") })
        const outsiders: ReadonlyArray<[string, Actor]> = [
          ["Globex's portal Admin", t.globexAdmin],
          ["a Limited member of Acme", t.acmeLimited],
          ["a Regular staff user", actorOf(staff)]
        ]
        for (const [who, actor] of outsiders) {
          assert.strictEqual(yield* failureTag(eshopAvailability(actor, t.acme.id)), "Forbidden", who)
        }
        const unknown = "0190a6e0-0000-7000-8000-000000000000" as OrganizationId
        assert.strictEqual(
          yield* failureTag(eshopAvailability(t.adminActor, unknown)),
          "OrganizationNotFound"
        )
      }).pipe(provideShop())
  )
})
