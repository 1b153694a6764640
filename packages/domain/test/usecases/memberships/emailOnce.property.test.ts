import { describe, it } from "@effect/vitest"
import { addMember, type Email, MembershipRepository } from "@gatehouse/domain"
import { layerMemory, memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer } from "effect"
import fc from "fast-check"
import { role, seedOrganization, snapshot } from "./support.ts"

/** The same address spelt with random casing and surrounding spaces. */
const spellings = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,8}$/))
  .filter(([local]) => !local.includes(".."))
  .chain(([local, domain]) => {
    const address = `${local}@${domain}.com`
    const spelling = fc
      .tuple(
        fc.array(fc.boolean(), { minLength: address.length, maxLength: address.length }),
        fc.nat(2),
        fc.nat(2)
      )
      .map(
        ([upper, before, after]) =>
          `${" ".repeat(before)}${[...address].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("")}${" ".repeat(after)}`
      )
    return fc.tuple(fc.constant(address), fc.array(spelling, { minLength: 2, maxLength: 5 }))
  })

describe("an email is a member of an organization at most once, as a property", () => {
  it("however it is spelt, one user and one membership; every later add is AlreadyMember", async () => {
    await fc.assert(
      fc.asyncProperty(spellings, async ([address, variants]) => {
        const program = Effect.gen(function* () {
          const { tenant, adminActor } = yield* seedTenant()
          const organization = yield* seedOrganization(tenant)
          const outcomes = []
          for (const spelling of variants) {
            const exit = yield* Effect.exit(
              addMember(adminActor, organization.id, {
                email: spelling as Email,
                firstName: "Casey",
                lastName: "Case",
                role: role("Limited")
              })
            )
            outcomes.push(exit._tag === "Success" ? "ok" : JSON.stringify(exit.cause))
          }
          if (outcomes[0] !== "ok") return yield* Effect.die(new Error(`first add failed: ${outcomes[0]}`))
          if (!outcomes.slice(1).every((o) => o.includes("AlreadyMember"))) {
            return yield* Effect.die(new Error(`later adds: ${outcomes.join(", ")}`))
          }
          const state = yield* snapshot
          const users = [...state.get(memory.tables.Users).values()].filter((u) => u.email === address)
          const memberships = yield* (yield* MembershipRepository).listByOrganization(
            tenant.id,
            organization.id
          )
          if (users.length !== 1 || memberships.length !== 1) {
            return yield* Effect.die(new Error(`${users.length} users, ${memberships.length} memberships`))
          }
        })
        await Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(layerMemory))))
      }),
      { numRuns: 100 }
    )
  })
})
