import { assert, describe, it } from "@effect/vitest"
import {
  getOrganization,
  listOrganizations,
  MembershipRepository,
  OrganizationRepository,
  type RoleName,
  userActor
} from "@gatehouse/domain"
import { aMembership, anOrganization, layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Exit, Layer } from "effect"
import { TestClock } from "effect/testing"
import fc from "fast-check"

const HOUR = 3_600_000

/** A clock move: a number of milliseconds, or straight to the expiry instant or one millisecond before it. */
type Step = number | "toExpiry" | "justBefore"

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 * HOUR }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<Step>("toExpiry", "justBefore") }
)

describe("membership expiry (rule 7), as a property over the TestClock", () => {
  it("a member reads their organization iff now < expiresAt, whatever the expiry and however time moves", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Expiry relative to the start: in the past, at the start itself, or ahead (hours or milliseconds).
        fc.oneof(fc.integer({ min: -2 * HOUR, max: 4 * HOUR }), fc.integer({ min: -2, max: 2 })),
        fc.constantFrom("Admin", "Limited"),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (offset, role, steps) => {
          const program = Effect.gen(function* () {
            const { tenant } = yield* seedTenant()
            const organization = yield* (yield* OrganizationRepository).insert(
              anOrganization({ tenantId: tenant.id })
            )
            // A member of the customer portal: no tenant-wide right to read organizations of their own.
            const member = yield* seedUser(tenant, { role: "Portal User" as RoleName })
            const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
            const expiresAt = start + offset
            yield* (yield* MembershipRepository).insert(
              aMembership({
                tenantId: tenant.id,
                organizationId: organization.id,
                userId: member.id,
                role: role as RoleName,
                expiresAt: new Date(expiresAt)
              })
            )
            const actor = userActor(tenant.id, member.id)
            const check = Effect.gen(function* () {
              const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
              const read = yield* Effect.exit(getOrganization(actor, organization.id))
              const listed = yield* Effect.exit(listOrganizations(actor))
              const inEffect = now < expiresAt
              const at = `at ${now - start} ms after the start, expiry at ${offset}`
              assert.strictEqual(Exit.isSuccess(read), inEffect, `getOrganization ${at}`)
              assert.strictEqual(Exit.isSuccess(listed), inEffect, `listOrganizations ${at}`)
              if (Exit.isFailure(read)) {
                const error = yield* Effect.flip(getOrganization(actor, organization.id))
                assert.strictEqual(error._tag, "Forbidden")
              }
            })
            yield* check
            for (const move of steps) {
              const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
              const by =
                move === "toExpiry"
                  ? Math.max(0, expiresAt - now)
                  : move === "justBefore"
                    ? Math.max(0, expiresAt - 1 - now)
                    : move
              yield* TestClock.adjust(by)
              yield* check
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
