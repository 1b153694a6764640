import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  completeSetup,
  type InvitationId,
  InvitationRepository,
  PasswordHasher,
  PublicUrl,
  startSetup,
  UserRepository
} from "@gatehouse/domain"
import { layerMemory, memory, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import { goodPassword, invitedUser, tokenOf } from "./fixtures.ts"

const provide = Effect.provide(Layer.fresh(layerMemory))
const sha256Hex = async (text: string) =>
  Array.from(
    new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
    (b) => b.toString(16).padStart(2, "0")
  ).join("")

describe("issueSetupInvitation", () => {
  it.effect(
    "emails a one-time link whose token is in the fragment; only the secret's SHA-256 is stored",
    () =>
      Effect.gen(function* () {
        const { user, link } = yield* invitedUser()
        const url = new URL(Redacted.value(link.setupUrl))
        assert.strictEqual(`${url.origin}${url.pathname}`, `${TEST_PUBLIC_URL}/setup`)
        assert.strictEqual(url.search, "")
        const token = Redacted.value(tokenOf(link))
        const [id, secret] = token.split(".") as [string, string]
        assert.match(secret, /^[A-Za-z0-9_-]{43}$/)
        assert.strictEqual(atob(secret.replaceAll("-", "+").replaceAll("_", "/")).length, 32)

        const stored = yield* (yield* InvitationRepository).findById(id as never)
        assert.isTrue(Option.isSome(stored))
        const invitation = Option.getOrThrow(stored)
        assert.strictEqual(invitation.userId, user.id)
        assert.strictEqual(invitation.state, "pending")
        assert.strictEqual(invitation.secretHash, yield* Effect.promise(() => sha256Hex(secret)))
        assert.notInclude(JSON.stringify(invitation), secret)

        const outbox = yield* memory.Mailer.outbox
        assert.lengthOf(outbox, 1)
        const mail = outbox[0]!
        assert.strictEqual(mail.to, user.email)
        assert.include(mail.text, Redacted.value(link.setupUrl))
        assert.include(mail.html, Redacted.value(link.setupUrl))
        assert.isTrue(link.emailSent)
      }).pipe(provide)
  )

  it.effect("lives 72 hours by default, or as long as the tenant's setting says", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-01T10:00:00Z"))
      const byDefault = yield* invitedUser()
      assert.strictEqual(byDefault.link.expiresAt.toISOString(), "2026-03-04T10:00:00.000Z")
      const short = yield* invitedUser({ settings: { invitationTtlHours: 5 } })
      assert.strictEqual(short.link.expiresAt.toISOString(), "2026-03-01T15:00:00.000Z")
    }).pipe(provide)
  )

  it.effect("no secret reaches the audit trail", () =>
    Effect.gen(function* () {
      const { tenant, link } = yield* invitedUser()
      const secret = Redacted.value(tokenOf(link)).split(".")[1]!
      const events = yield* (yield* AuditLog).query(tenant.id, { limit: 100 })
      assert.include(
        events.items.map((e) => e.action),
        "invitation.issued"
      )
      assert.notInclude(JSON.stringify(events.items), secret)
    }).pipe(provide)
  )
})

describe("links built from X-Forwarded-Host (ZITADEL CVE-2023-49097)", () => {
  it("the link's origin is the configured public URL, whatever it is", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.domain(),
        fc.constantFrom("", "/", "/gatehouse", "/gatehouse/"),
        async (host, base) => {
          const configured = `https://${host}${base}`
          const link = await Effect.runPromise(
            invitedUser().pipe(
              Effect.map((invited) => invited.link),
              Effect.provideService(PublicUrl, configured),
              Effect.provide(Layer.fresh(layerMemory))
            )
          )
          const url = new URL(Redacted.value(link.setupUrl))
          assert.strictEqual(url.origin, new URL(configured).origin)
          assert.strictEqual(url.pathname, `${base.replace(/\/$/, "")}/setup`)
          assert.isTrue(url.hash.startsWith("#token="))
        }
      ),
      { numRuns: 50 }
    )
  })

  it.effect(
    "the setup use cases take no host input at all: start and complete answer for the token only",
    () =>
      Effect.gen(function* () {
        const { user, link } = yield* invitedUser()
        // a client may send anything else; the decoded input has no room for a host, and the link was built
        // before any request existed
        const started = yield* startSetup({ token: tokenOf(link) })
        assert.strictEqual(started.email, user.email)
      }).pipe(Effect.provideService(PublicUrl, "https://id.example.com"), provide)
  )
})

describe("completeSetup", () => {
  it.effect("activates the user with the password, display name and no forced change", () =>
    Effect.gen(function* () {
      const { tenant, user, link } = yield* invitedUser()
      const started = yield* startSetup({ token: tokenOf(link) })
      assert.strictEqual(started.email, user.email)
      assert.deepStrictEqual(started.tenant, { name: tenant.name, slug: tenant.slug, preset: tenant.preset })
      assert.deepStrictEqual(started.passwordPolicy, tenant.passwordPolicy)
      assert.deepStrictEqual([started.firstName, started.lastName], [user.firstName, user.lastName])
      assert.isFalse(started.requiresTotp)
      assert.isUndefined(started.totp)

      const done = yield* completeSetup({
        token: tokenOf(link),
        displayName: "Ada L.",
        password: goodPassword
      })
      assert.strictEqual(done.userId, user.id)
      const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.strictEqual(stored.status, "active")
      assert.strictEqual(stored.displayName, "Ada L.")
      assert.isFalse(stored.mustChangePassword)
      const verification = yield* (yield* PasswordHasher).verify(stored.passwordHash!, goodPassword)
      assert.isTrue(verification.valid)

      const actions = (yield* (yield* AuditLog).query(tenant.id, { limit: 100 })).items.map((e) => e.action)
      assert.includeMembers(actions, ["invitation.issued", "setup.started", "setup.completed"])
    }).pipe(provide)
  )

  it.effect("a password the tenant's policy refuses leaves the token usable", () =>
    Effect.gen(function* () {
      const { tenant, user, link } = yield* invitedUser()
      const weak = yield* Effect.flip(
        completeSetup({ token: tokenOf(link), displayName: "Ada", password: Redacted.make("password") })
      )
      assert.strictEqual(weak._tag, "PasswordPolicyViolation")
      const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.strictEqual(stored.status, "pending")
      yield* completeSetup({ token: tokenOf(link), displayName: "Ada", password: goodPassword })
    }).pipe(provide)
  )

  it.effect(
    "20 concurrent completions of one token: exactly one succeeds, the others get TokenUsed (or, beyond the 5 attempts reserved at once, TooManyAttempts)",
    () =>
      Effect.gen(function* () {
        const { tenant, user, link } = yield* invitedUser()
        const passwords = Array.from({ length: 20 }, (_, i) => Redacted.make(`Quartz-Lantern-Orbit-${i}0x`))
        const results = yield* Effect.all(
          passwords.map((password, i) =>
            Effect.result(completeSetup({ token: tokenOf(link), displayName: `Caller ${i}`, password }))
          ),
          { concurrency: "unbounded" }
        )
        const winners = results.flatMap((r, i) => (r._tag === "Success" ? [i] : []))
        assert.lengthOf(winners, 1)
        // every attempt is reserved before its secret is checked: at most the 5 free ones are checked at once
        const failures = results.flatMap((r) => (r._tag === "Failure" ? [r.failure._tag] : []))
        assert.includeMembers(["TokenUsed", "TooManyAttempts"], [...new Set(failures)])

        const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
        const winner = winners[0]!
        assert.strictEqual(stored.displayName, `Caller ${winner}`)
        assert.isTrue((yield* (yield* PasswordHasher).verify(stored.passwordHash!, passwords[winner]!)).valid)
        const completed = (yield* (yield* AuditLog).query(tenant.id, {
          limit: 100,
          action: "setup.completed"
        })).items
        assert.lengthOf(completed, 1)
      }).pipe(provide)
  )

  it.effect("the port's conditional accept: of 20 concurrent callers exactly one wins", () =>
    Effect.gen(function* () {
      const { tenant, link } = yield* invitedUser()
      const id = Redacted.value(tokenOf(link)).split(".")[0]! as InvitationId
      const invitations = yield* InvitationRepository
      const wins = yield* Effect.all(
        Array.from({ length: 20 }, () => invitations.accept(tenant.id, id, new Date(0))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(wins.filter(Boolean).length, 1)
      const stored = Option.getOrThrow(yield* invitations.findById(id))
      assert.strictEqual(stored.state, "accepted")
      assert.deepStrictEqual(stored.acceptedAt, new Date(0))
    }).pipe(provide)
  )
})
