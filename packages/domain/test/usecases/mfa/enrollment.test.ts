import { assert, describe, it } from "@effect/vitest"
import {
  adminClearTotp,
  authenticateSession,
  confirmTotpEnrollment,
  disableTotp,
  login,
  SecretBox,
  startTotpEnrollment,
  TotpRepository,
  userActor
} from "@gatehouse/domain"
import { Effect, Option, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import {
  auditOf,
  codeAt,
  credentials,
  enrollTotp,
  failuresOf,
  provide,
  rejectionOf,
  reload,
  STEP_MS,
  seedAccount
} from "../auth/support.ts"

describe("TOTP enrolment", () => {
  it.effect(
    "start gives a base32 secret and an otpauth URI (issuer = tenant name, label = email); stored sealed",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor } = yield* seedAccount()
        const started = yield* startTotpEnrollment(actor)
        const secret = Redacted.value(started.secret)
        assert.match(secret, /^[A-Z2-7]{32}$/)
        const uri = new URL(Redacted.value(started.otpauthUri))
        assert.strictEqual(uri.protocol, "otpauth:")
        assert.strictEqual(uri.host, "totp")
        assert.strictEqual(decodeURIComponent(uri.pathname), `/${tenant.name}:${user.email}`)
        assert.strictEqual(uri.searchParams.get("secret"), secret)
        assert.strictEqual(uri.searchParams.get("issuer"), tenant.name)
        const stored = Option.getOrThrow(yield* (yield* TotpRepository).find(tenant.id, user.id))
        assert.isFalse(stored.confirmed)
        assert.notInclude(stored.sealedSecret, secret)
        // bound to its user: the sealed value does not open for another user's row
        const box = yield* SecretBox
        const moved = yield* Effect.flip(
          box.open(stored.sealedSecret, `${tenant.id}/${crypto.randomUUID()}/totp`)
        )
        assert.strictEqual(moved._tag, "SecretBoxError")
        assert.isFalse((yield* reload(user)).totpEnabled)
      }).pipe(provide)
  )

  it.effect(
    "confirm with a code: ten recovery codes (stored hashed), TOTP on, every session ended, audited",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const session = yield* login(credentials(tenant, user, password))
        const started = yield* startTotpEnrollment(actor)
        const enabled = yield* confirmTotpEnrollment(actor, { code: yield* codeAt(started.secret) })
        const codes = enabled.recoveryCodes.map(Redacted.value)
        assert.strictEqual(new Set(codes).size, 10)
        const stored = Option.getOrThrow(yield* (yield* TotpRepository).find(tenant.id, user.id))
        assert.isTrue(stored.confirmed)
        assert.strictEqual(stored.recoveryCodeHashes.length, 10)
        for (const code of codes) assert.notInclude(JSON.stringify(stored), code.replace(/-/g, ""))
        assert.isTrue((yield* reload(user)).totpEnabled)
        assert.strictEqual(yield* rejectionOf(session.token), "revoked")
        const actions = (yield* auditOf(tenant)).map((e) => e.action)
        assert.includeMembers(actions, ["mfa.totp_enrollment_started", "mfa.totp_enabled"])
        assert.notInclude(JSON.stringify(yield* auditOf(tenant)), Redacted.value(started.secret))
      }).pipe(provide)
  )

  it.effect(
    "a wrong confirmation code is refused and counted; no enrolment without a start; no second one",
    () =>
      Effect.gen(function* () {
        const { user, actor } = yield* seedAccount()
        assert.strictEqual(
          (yield* Effect.flip(confirmTotpEnrollment(actor, { code: "123456" })))._tag,
          "TotpNotPending"
        )
        const started = yield* startTotpEnrollment(actor)
        const right = yield* codeAt(started.secret)
        const wrong = right === "000000" ? "111111" : "000000"
        assert.strictEqual(
          (yield* Effect.flip(confirmTotpEnrollment(actor, { code: wrong })))._tag,
          "InvalidTotpCode"
        )
        assert.strictEqual(yield* failuresOf(user), 1)
        assert.isFalse((yield* reload(user)).totpEnabled)
        yield* confirmTotpEnrollment(actor, { code: right })
        assert.strictEqual(yield* failuresOf(user), 0)
        assert.strictEqual((yield* Effect.flip(startTotpEnrollment(actor)))._tag, "TotpAlreadyEnabled")
      }).pipe(provide)
  )

  it.effect("the mfa_enrollment path end to end: enrol, log in again with a code, get a full session", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({ user: { requireTotp: true } })
      const first = yield* login(credentials(tenant, user, password))
      assert.strictEqual(first.session.scope, "mfa_enrollment")
      const { secret } = yield* enrollTotp(yield* authenticateSession(first.token))
      assert.strictEqual(yield* rejectionOf(first.token), "revoked")
      assert.strictEqual((yield* Effect.flip(login(credentials(tenant, user, password))))._tag, "MfaRequired")
      yield* TestClock.adjust(STEP_MS)
      const second = yield* login(credentials(tenant, user, password, yield* codeAt(secret)))
      assert.strictEqual(second.session.scope, "full")
    }).pipe(provide)
  )
})

describe("turning TOTP off", () => {
  it.effect("disable needs a valid code (re-authentication, ASVS 7.5.1); a wrong one is counted", () =>
    Effect.gen(function* () {
      const { tenant, user, actor, password } = yield* seedAccount()
      const { secret } = yield* enrollTotp(actor)
      yield* TestClock.adjust(STEP_MS)
      const session = yield* login(credentials(tenant, user, password, yield* codeAt(secret)))
      yield* TestClock.adjust(STEP_MS)
      const right = yield* codeAt(secret)
      const wrong = right === "000000" ? "000001" : "000000"
      assert.strictEqual((yield* Effect.flip(disableTotp(actor, { code: wrong })))._tag, "InvalidTotpCode")
      assert.strictEqual(yield* failuresOf(user), 1)
      assert.isTrue((yield* reload(user)).totpEnabled)
      yield* disableTotp(actor, { code: right })
      assert.isFalse((yield* reload(user)).totpEnabled)
      assert.isTrue(Option.isNone(yield* (yield* TotpRepository).find(tenant.id, user.id)))
      assert.strictEqual(yield* rejectionOf(session.token), "revoked")
      assert.strictEqual((yield* login(credentials(tenant, user, password))).session.scope, "full")
      assert.strictEqual((yield* Effect.flip(disableTotp(actor, { code: right })))._tag, "TotpNotEnabled")
    }).pipe(provide)
  )

  it.effect("disable accepts a recovery code (lost phone)", () =>
    Effect.gen(function* () {
      const { user, actor } = yield* seedAccount()
      const { recoveryCodes } = yield* enrollTotp(actor)
      yield* disableTotp(actor, { code: recoveryCodes[3]! })
      assert.isFalse((yield* reload(user)).totpEnabled)
    }).pipe(provide)
  )

  it.effect(
    "an admin clears a locked-out user's TOTP: users:write, same tenant, not self; re-enrolment follows",
    () =>
      Effect.gen(function* () {
        const { tenant, user, admin, actor, adminActor, password } = yield* seedAccount({
          user: { requireTotp: true }
        })
        yield* enrollTotp(actor)
        assert.strictEqual((yield* Effect.flip(adminClearTotp(actor, admin.id)))._tag, "Forbidden")
        assert.strictEqual((yield* Effect.flip(adminClearTotp(adminActor, admin.id)))._tag, "Forbidden")
        const stranger = yield* seedAccount()
        assert.strictEqual(
          (yield* Effect.flip(adminClearTotp(stranger.adminActor, user.id)))._tag,
          "UserNotFound"
        )
        assert.isTrue((yield* reload(user)).totpEnabled)
        yield* adminClearTotp(adminActor, user.id)
        assert.isFalse((yield* reload(user)).totpEnabled)
        assert.isTrue(Option.isNone(yield* (yield* TotpRepository).find(tenant.id, user.id)))
        assert.strictEqual(
          (yield* login(credentials(tenant, user, password))).session.scope,
          "mfa_enrollment"
        )
        const event = (yield* auditOf(tenant)).find((e) => e.action === "mfa.totp_cleared")
        assert.deepStrictEqual([event?.actorId, event?.targetId], [admin.id, user.id])
      }).pipe(provide)
  )

  it.effect("a password_change session cannot touch TOTP", () =>
    Effect.gen(function* () {
      const { user } = yield* seedAccount()
      const restricted = userActor(user.tenantId, user.id, "password_change")
      assert.strictEqual((yield* Effect.flip(startTotpEnrollment(restricted)))._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(disableTotp(restricted, { code: "123456" })))._tag, "Forbidden")
    }).pipe(provide)
  )
})
