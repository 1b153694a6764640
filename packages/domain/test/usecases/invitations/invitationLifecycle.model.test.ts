import { describe, expect, it } from "@effect/vitest"
import {
  type Actor,
  completeSetup,
  deactivateUser,
  disableUser,
  enableUser,
  issueSetupInvitation,
  regenerateSetupLink,
  resetPassword,
  restoreUser,
  revokeSetupLink,
  startSetup,
  type Tenant,
  type User,
  UserRepository,
  type UserStatus
} from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Option, type Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import { goodPassword, tokenOf, withWrongSecret } from "./fixtures.ts"

// A model of the setup-invitation lifecycle, checked against the use cases on the in-memory store with a test
// clock. What it pins down: a token works at most once; a regenerated (or revoked) token's predecessor never
// works; an expired token never works; a wrong secret never works and counts a failure. With the admin's
// status actions (disable, enable, deactivate, restore, and a password reset, which changes no status): a user
// who never finished setup cannot finish it while disabled or deactivated, whatever the sequence, and enabling
// or restoring them returns exactly the pending user they were, their link working again.

const HOUR = 3_600_000
const TTL = 72 * HOUR
const USERS = 2

type Outcome =
  | "ok"
  | "TokenUsed"
  | "TokenInvalid"
  | "TokenExpired"
  | "UserNotPending"
  | "InvalidStatusTransition"

interface ModelUser {
  status: UserStatus
  /** Never finished setup: enabling or restoring returns them to pending. */
  awaitingSetup: boolean
  failures: number
}

interface Model {
  now: number
  readonly users: Array<ModelUser>
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
  /** Each user as stored when last disabled or deactivated from pending. */
  readonly blockedFromPending: Map<number, User>
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

const storedUser = async (real: Real, u: number): Promise<User> =>
  Option.getOrThrow(
    await real.runtime.runPromise(
      Effect.flatMap(UserRepository, (users) => users.findById(real.tenant.id, real.users[u]!.id))
    )
  )

const checkStatuses = async (model: Model, real: Real) => {
  for (const u of real.users.keys()) {
    const stored = await storedUser(real, u)
    expect(stored.status).toBe(model.users[u]!.status)
    expect(stored.awaitingSetup).toBe(model.users[u]!.awaitingSetup)
  }
}

/** Everything but what a status change itself changes. */
const unchangedBy = ({ status: _s, version: _v, updatedAt: _u, ...rest }: User) => rest

/** An admin's status action: where the model says it may start, and where it leads. */
const STATUS_ACTIONS = {
  disable: { run: disableUser, from: ["pending", "active"], blocks: true },
  deactivate: { run: deactivateUser, from: ["pending", "active", "disabled"], blocks: true },
  enable: { run: enableUser, from: ["disabled"], blocks: false },
  restore: { run: restoreUser, from: ["deactivated"], blocks: false }
} as const

class StatusAction implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly u: number,
    readonly action: keyof typeof STATUS_ACTIONS
  ) {}
  check = () => true
  run = async (m: Model, r: Real) => {
    const { run, from, blocks } = STATUS_ACTIONS[this.action]
    const user = m.users[this.u]!
    const allowed = (from as ReadonlyArray<UserStatus>).includes(user.status)
    const before = await storedUser(r, this.u)
    const result = await outcomeOf(r, run(r.admin, r.users[this.u]!.id))
    expect(result.outcome).toBe(allowed ? "ok" : "InvalidStatusTransition")
    if (!allowed) return
    if (blocks) {
      if (user.status === "pending") r.blockedFromPending.set(this.u, before)
      user.status = this.action === "disable" ? "disabled" : "deactivated"
    } else {
      user.status = user.awaitingSetup ? "pending" : "active"
      const previous = r.blockedFromPending.get(this.u)
      // back to exactly the pending user they were (a password reset meanwhile aside)
      if (user.status === "pending" && previous !== undefined) {
        const after = await storedUser(r, this.u)
        expect(unchangedBy({ ...after, passwordHash: null, mustChangePassword: false })).toEqual(
          unchangedBy({ ...previous, passwordHash: null, mustChangePassword: false })
        )
      }
    }
    await checkStatuses(m, r)
  }
  toString = () => `${this.action}(user ${this.u})`
}

/**
 * An admin sets a password: whatever the status, it changes none (a pending user still sets up); it clears the
 * failed-attempt count.
 */
class ResetPassword implements fc.AsyncCommand<Model, Real> {
  constructor(readonly u: number) {}
  check = () => true
  run = async (m: Model, r: Real) => {
    const result = await outcomeOf(r, resetPassword(r.admin, r.users[this.u]!.id, { generate: true }))
    expect(result.outcome).toBe("ok")
    m.users[this.u]!.failures = 0
    await checkStatuses(m, r)
  }
  toString = () => `resetPassword(user ${this.u})`
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
      m.users[token.user] = { status: "active", awaitingSetup: false, failures: 0 }
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
    pick.map((p) => new Guess(p)),
    fc
      .tuple(
        user,
        fc.constantFrom("disable", "enable", "deactivate", "restore") as fc.Arbitrary<
          keyof typeof STATUS_ACTIONS
        >
      )
      .map(([u, action]) => new StatusAction(u, action)),
    user.map((u) => new ResetPassword(u))
  ],
  { maxCommands: 60, size: "large" }
)

describe("setup invitation lifecycle (model)", () => {
  it("tokens work at most once, never after being replaced or revoked, never after expiry, never while the user is disabled or deactivated", async () => {
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
            users: Array.from(
              { length: USERS },
              (): ModelUser => ({ status: "pending", awaitingSetup: true, failures: 0 })
            ),
            tokens: []
          }
          await fc.asyncModelRun(
            () => ({ model, real: { runtime, ...seeded, tokens: [], blockedFromPending: new Map() } }),
            cmds
          )
        } finally {
          await runtime.dispose()
        }
      }),
      { numRuns: 150 }
    )
  })
})
