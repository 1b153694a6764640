import { describe, expect, it } from "@effect/vitest"
import {
  type Actor,
  completeSetup,
  issueSetupInvitation,
  regenerateSetupLink,
  revokeSetupLink,
  startSetup,
  type Tenant,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Option, type Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import { goodPassword, tokenOf, withWrongSecret } from "./fixtures.ts"

// A model of the setup-invitation lifecycle, checked against the use cases on the in-memory store with a test
// clock. What it pins down: a token works at most once; a regenerated (or revoked) token's predecessor never
// works; an expired token never works; a wrong secret never works and counts a failure.

const HOUR = 3_600_000
const TTL = 72 * HOUR
const USERS = 2

type Outcome = "ok" | "TokenUsed" | "TokenInvalid" | "TokenExpired" | "UserNotPending"

interface Model {
  now: number
  readonly users: Array<{ status: "pending" | "active"; failures: number }>
  readonly tokens: Array<{
    readonly user: number
    readonly expiresAt: number
    state: "pending" | "used" | "revoked"
  }>
}

const makeRuntime = () => ManagedRuntime.make(Layer.mergeAll(Layer.fresh(layerMemory), TestClock.layer()))
type Runtime = ReturnType<typeof makeRuntime>

interface Real {
  readonly runtime: Runtime
  readonly tenant: Tenant
  readonly admin: Actor
  readonly users: ReadonlyArray<User>
  readonly tokens: Array<Redacted.Redacted<string>>
}

const outcomeOf = <A, E extends { readonly _tag: string }>(
  real: Real,
  effect: Effect.Effect<A, E, Runtime extends ManagedRuntime.ManagedRuntime<infer R, never> ? R : never>
): Promise<{ readonly outcome: Outcome | string; readonly value?: A }> =>
  real.runtime.runPromise(
    effect.pipe(
      Effect.map((value) => ({ outcome: "ok" as const, value })),
      Effect.catch((error: E) => Effect.succeed({ outcome: error._tag }))
    )
  )

/** What presenting token `t` must give, from the model alone. */
const expectedFor = (model: Model, t: number): Outcome => {
  const token = model.tokens[t]!
  if (token.state === "used") return "TokenUsed"
  if (token.state === "revoked") return "TokenInvalid"
  if (model.now >= token.expiresAt) return "TokenExpired"
  if (model.users[token.user]!.status !== "pending") return "TokenInvalid"
  return "ok"
}

const recordIssued = (model: Model, real: Real, u: number, token: Redacted.Redacted<string>) => {
  for (const t of model.tokens) if (t.user === u && t.state === "pending") t.state = "revoked"
  model.tokens.push({ user: u, expiresAt: model.now + TTL, state: "pending" })
  real.tokens.push(token)
}

const checkStatuses = async (model: Model, real: Real) => {
  for (const [u, user] of real.users.entries()) {
    const stored = await real.runtime.runPromise(
      Effect.flatMap(UserRepository, (users) => users.findById(real.tenant.id, user.id))
    )
    expect(Option.getOrThrow(stored).status).toBe(model.users[u]!.status)
  }
}

class Issue implements fc.AsyncCommand<Model, Real> {
  constructor(readonly u: number) {}
  check = (m: Readonly<Model>) => m.users[this.u]!.status === "pending"
  run = async (m: Model, r: Real) => {
    const link = await r.runtime.runPromise(issueSetupInvitation(r.tenant, r.users[this.u]!, r.admin))
    recordIssued(m, r, this.u, tokenOf(link))
  }
  toString = () => `issue(user ${this.u})`
}

class Regenerate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly u: number) {}
  check = () => true
  run = async (m: Model, r: Real) => {
    const result = await outcomeOf(r, regenerateSetupLink(r.admin, r.users[this.u]!.id))
    expect(result.outcome).toBe(m.users[this.u]!.status === "pending" ? "ok" : "UserNotPending")
    if (result.value !== undefined) recordIssued(m, r, this.u, tokenOf(result.value))
  }
  toString = () => `regenerate(user ${this.u})`
}

class Revoke implements fc.AsyncCommand<Model, Real> {
  constructor(readonly u: number) {}
  check = () => true
  run = async (m: Model, r: Real) => {
    const result = await outcomeOf(r, revokeSetupLink(r.admin, r.users[this.u]!.id))
    const pending = m.tokens.filter((t) => t.user === this.u && t.state === "pending")
    expect(result.outcome).toBe(m.users[this.u]!.status === "pending" ? "ok" : "UserNotPending")
    if (result.value !== undefined) {
      expect(result.value.revoked).toBe(pending.length)
      for (const t of pending) t.state = "revoked"
    }
  }
  toString = () => `revoke(user ${this.u})`
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly hours: number) {}
  check = () => true
  run = async (m: Model, r: Real) => {
    await r.runtime.runPromise(TestClock.adjust(this.hours * HOUR))
    m.now += this.hours * HOUR
  }
  toString = () => `advance(${this.hours} h)`
}

class Start implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.tokens.length > 0
  run = async (m: Model, r: Real) => {
    const t = this.pick % m.tokens.length
    const result = await outcomeOf(r, startSetup({ token: r.tokens[t]! }))
    expect(result.outcome).toBe(expectedFor(m, t))
    await checkStatuses(m, r)
  }
  toString = () => `start(token #${this.pick})`
}

class Complete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.tokens.length > 0
  run = async (m: Model, r: Real) => {
    const t = this.pick % m.tokens.length
    const expected = expectedFor(m, t)
    const result = await outcomeOf(
      r,
      completeSetup({ token: r.tokens[t]!, displayName: "Set Up", password: goodPassword })
    )
    expect(result.outcome).toBe(expected)
    if (expected === "ok") {
      const token = m.tokens[t]!
      token.state = "used"
      m.users[token.user] = { status: "active", failures: 0 }
    }
    await checkStatuses(m, r)
  }
  toString = () => `complete(token #${this.pick})`
}

/** A guess: the right invitation id with a wrong secret. Kept under the free failures, so never throttled. */
class Guess implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) =>
    m.tokens.length > 0 && m.users[m.tokens[this.pick % m.tokens.length]!.user]!.failures < 4
  run = async (m: Model, r: Real) => {
    const t = this.pick % m.tokens.length
    const result = await outcomeOf(r, startSetup({ token: withWrongSecret(r.tokens[t]!) }))
    expect(result.outcome).toBe("TokenInvalid")
    m.users[m.tokens[t]!.user]!.failures++
  }
  toString = () => `guess(token #${this.pick})`
}

const user = fc.integer({ min: 0, max: USERS - 1 })
const pick = fc.nat({ max: 1000 })
const commands = fc.commands(
  [
    user.map((u) => new Issue(u)),
    user.map((u) => new Regenerate(u)),
    user.map((u) => new Revoke(u)),
    fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 60, max: 100 })).map((h) => new Advance(h)),
    pick.map((p) => new Start(p)),
    pick.map((p) => new Complete(p)),
    pick.map((p) => new Guess(p))
  ],
  { maxCommands: 60, size: "large" }
)

describe("setup invitation lifecycle (model)", () => {
  it("tokens work at most once, never after being replaced or revoked, never after expiry", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const runtime = makeRuntime()
        try {
          const seeded = await runtime.runPromise(
            Effect.gen(function* () {
              const { tenant, adminActor } = yield* seedTenant()
              const users: Array<User> = []
              for (let i = 0; i < USERS; i++) users.push(yield* seedUser(tenant, { status: "pending" }))
              return { tenant, admin: adminActor, users }
            })
          )
          const model: Model = {
            now: 0,
            users: Array.from({ length: USERS }, () => ({ status: "pending" as const, failures: 0 })),
            tokens: []
          }
          await fc.asyncModelRun(() => ({ model, real: { runtime, ...seeded, tokens: [] } }), cmds)
        } finally {
          await runtime.dispose()
        }
      }),
      { numRuns: 150 }
    )
  })
})
