import { describe, it } from "@effect/vitest"
import {
  type Actor,
  addMember,
  type Email,
  MembershipRepository,
  type OrganizationId,
  removeMember,
  type TenantId,
  type UserId,
  updateMember
} from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import fc from "fast-check"
import { now } from "../../../src/model/newId.ts"
import { role, seedMember, seedOrganization } from "./support.ts"

const HOUR = 60 * 60 * 1000
const MEMBERS = 4

type Op =
  | {
      readonly kind: "demote" | "promote" | "disable" | "enable" | "expire" | "unexpire" | "remove" | "readd"
    }
  | { readonly kind: "tick" }

const opArb: fc.Arbitrary<{ readonly op: Op; readonly by: number; readonly target: number }> = fc.record({
  op: fc.constantFrom<Op>(
    { kind: "demote" },
    { kind: "promote" },
    { kind: "disable" },
    { kind: "enable" },
    { kind: "expire" },
    { kind: "unexpire" },
    { kind: "remove" },
    { kind: "readd" },
    { kind: "tick" }
  ),
  // MEMBERS stands for the tenant admin, who may manage every organization (half of the steps).
  by: fc.oneof(fc.constant(MEMBERS), fc.integer({ min: 0, max: MEMBERS - 1 })),
  target: fc.integer({ min: 0, max: MEMBERS - 1 })
})

const apply = (
  op: Op,
  actor: Actor,
  organizationId: OrganizationId,
  target: { readonly id: UserId; readonly email: Email }
) =>
  Effect.gen(function* () {
    const at = (yield* now).getTime()
    switch (op.kind) {
      case "demote":
        return yield* updateMember(actor, organizationId, target.id, { role: role("Limited") })
      case "promote":
        return yield* updateMember(actor, organizationId, target.id, { role: role("Admin") })
      case "disable":
        return yield* updateMember(actor, organizationId, target.id, { active: false })
      case "enable":
        return yield* updateMember(actor, organizationId, target.id, { active: true })
      case "expire":
        return yield* updateMember(actor, organizationId, target.id, { expiresAt: new Date(at + HOUR) })
      case "unexpire":
        return yield* updateMember(actor, organizationId, target.id, { expiresAt: null })
      case "remove":
        return yield* removeMember(actor, organizationId, target.id)
      case "readd":
        return yield* addMember(actor, organizationId, {
          email: target.email,
          firstName: "Back",
          lastName: "Again",
          role: role("Admin")
        })
      case "tick":
        return yield* TestClock.adjust(HOUR)
    }
  })

const adminsInEffect = (tenantId: TenantId, organizationId: OrganizationId) =>
  Effect.gen(function* () {
    return yield* (yield* MembershipRepository).countInEffect(
      tenantId,
      organizationId,
      [role("Admin")],
      yield* now
    )
  })

describe("rule 5 for organizations, as a property", () => {
  it("whatever members and tenant admins do, and however time passes, an organization keeps an Admin in effect", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Who starts as Admin besides member 0; often nobody, so the last-Admin guard is reached quickly.
        fc.oneof(
          fc.constant([false, false, false]),
          fc.array(fc.boolean(), { minLength: MEMBERS - 1, maxLength: MEMBERS - 1 })
        ),
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        async (moreAdmins, ops) => {
          const program = Effect.gen(function* () {
            const { tenant, adminActor } = yield* seedTenant()
            const organization = yield* seedOrganization(tenant)
            const members = []
            for (const isAdmin of [true, ...moreAdmins]) {
              members.push(
                yield* seedMember(tenant, organization.id, { role: isAdmin ? "Admin" : "Limited" })
              )
            }
            for (const { op, by, target } of ops) {
              const actor = by === MEMBERS ? adminActor : members[by]!.actor
              const subject = members[target]!.user
              yield* Effect.exit(apply(op, actor, organization.id, subject))
              const admins = yield* adminsInEffect(tenant.id, organization.id)
              if (admins < 1) return yield* Effect.die(new Error(`no Admin left after ${op.kind}`))
            }
          })
          await Effect.runPromise(
            program.pipe(Effect.provide(Layer.merge(Layer.fresh(layerMemory), TestClock.layer())))
          )
        }
      ),
      { numRuns: 200 }
    )
  })
})
