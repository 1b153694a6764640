import {
  type Actor,
  type AuditEvent,
  authenticateSession,
  confirmTotpEnrollment,
  decodeBase32,
  defaultThrottlePolicy,
  FailedAttempts,
  generateTotp,
  type LoginInput,
  PasswordHasher,
  type PresetName,
  startTotpEnrollment,
  type Tenant,
  type User,
  UserRepository,
  userActor
} from "@gatehouse/domain"
import { layerMemory, MemoryStore, memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Clock, Effect, Layer, Option, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"

/** Each test on its own empty in-memory store. */
export const provide = Effect.provide(Layer.fresh(layerMemory))

/** A Monday morning; tests start here so TOTP steps and dates are realistic. */
export const START = Date.parse("2026-03-02T09:00:00.000Z")

export const PASSWORD = "Quiet-Harbor-42-lantern"

export interface Account {
  readonly tenant: Tenant
  readonly admin: User
  readonly adminActor: Actor
  readonly user: User
  readonly actor: Actor
  readonly password: string
}

/**
 * Sets the TestClock to START and stores a tenant (weevio unless told) with an admin, and an active user with
 * a known password (both with that password).
 */
export const seedAccount = (
  options: { readonly preset?: PresetName; readonly user?: Partial<User>; readonly password?: string } = {}
) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(START)
    const password = options.password ?? PASSWORD
    const passwordHash = yield* (yield* PasswordHasher).hash(Redacted.make(password))
    const seeded = yield* seedTenant(options.preset === undefined ? {} : { preset: options.preset })
    const admins = yield* UserRepository
    const admin = yield* admins
      .update({ ...seeded.admin, passwordHash }, seeded.admin.version)
      .pipe(Effect.orDie)
    const user = yield* seedUser(seeded.tenant, { passwordHash, ...options.user })
    const account: Account = {
      tenant: seeded.tenant,
      admin,
      adminActor: seeded.adminActor,
      user,
      actor: userActor(user.tenantId, user.id),
      password
    }
    return account
  })

export const credentials = (
  tenant: Pick<Tenant, "slug">,
  user: Pick<User, "email">,
  password: string,
  totp?: string
): LoginInput => ({
  tenant: tenant.slug,
  email: user.email,
  password: Redacted.make(password),
  ...(totp === undefined ? {} : { totp })
})

export const failuresOf = (user: Pick<User, "tenantId" | "id">) =>
  Effect.map(
    Effect.flatMap(FailedAttempts, (attempts) => attempts.get(user.tenantId, user.id)),
    (state) => state.failures
  )

export const auditOf = (
  tenant: Pick<Tenant, "id">
): Effect.Effect<ReadonlyArray<AuditEvent>, never, MemoryStore> =>
  Effect.map(
    Effect.flatMap(MemoryStore, (store) => store.snapshot),
    (state) => state.get(memory.tables.Audit).filter((event) => event.tenantId === tenant.id)
  )

export const reload = (user: Pick<User, "tenantId" | "id">) =>
  Effect.flatMap(UserRepository, (users) => users.findById(user.tenantId, user.id)).pipe(
    Effect.map(Option.getOrThrow)
  )

/** The TOTP code of `secret` (base32) at the TestClock's time plus `offsetMs`. */
export const codeAt = (secret: Redacted.Redacted<string>, offsetMs = 0) =>
  Effect.gen(function* () {
    const key = yield* decodeBase32(Redacted.value(secret))
    return yield* generateTotp(key, (yield* Clock.currentTimeMillis) + offsetMs)
  })

/** Enrols and confirms TOTP for the actor at the current time; returns the secret and the recovery codes. */
export const enrollTotp = (actor: Actor) =>
  Effect.gen(function* () {
    const started = yield* startTotpEnrollment(actor)
    const enabled = yield* confirmTotpEnrollment(actor, { code: yield* codeAt(started.secret) })
    return { secret: started.secret, recoveryCodes: enabled.recoveryCodes.map(Redacted.value) }
  })

/** 30 s: one TOTP step. */
export const STEP_MS = 30_000

/** Why a token no longer authenticates (the `SessionInvalid` reason). */
export const rejectionOf = (token: Redacted.Redacted<string> | string) =>
  Effect.map(Effect.flip(authenticateSession(token)), (e) =>
    e._tag === "SessionInvalid" ? e.reason : e._tag
  )

/** The scope of the actor a token authenticates. */
export const scopeOf = (token: Redacted.Redacted<string>) =>
  Effect.map(authenticateSession(token), (actor) => (actor._tag === "User" ? actor.scope : actor._tag))

/**
 * Brings the account to its lock at the clock's time: 100 failures reserved from 20 addresses (5 each, all
 * free), none of them the `unknown` origin that calls without an address come from.
 */
export const lockAccount = (user: Pick<User, "tenantId" | "id">) =>
  Effect.gen(function* () {
    const attempts = yield* FailedAttempts
    const at = new Date(yield* Clock.currentTimeMillis)
    for (let i = 0; i < defaultThrottlePolicy.lockAfter; i++) {
      const origin = `10.0.${Math.floor(i / defaultThrottlePolicy.freeFailures)}.1`
      const reserved = yield* attempts.reserve(
        { tenantId: user.tenantId, account: user.id, origin },
        at,
        defaultThrottlePolicy
      )
      if (reserved._tag !== "Granted") throw new Error(`attempt ${i} was refused while locking the account`)
    }
  })
