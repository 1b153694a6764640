import { decodeBase32, generateTotp, RecoveryLimitSettings } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness } from "./scenarios/support/scenarioHarness.ts"
import {
  call,
  json,
  makeHarness,
  newTenant,
  newUser,
  OTHER_PASSWORD,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

const NEW_PASSWORD = "Wv6$Cobalt-Meadow-Lantern"
const NO_LIMITS = { max: 1_000_000, windowMs: 3_600_000 }

/** The token of the newest email's link to `page` for `to`, waiting for the background delivery. */
const linkFor = async (h: ScenarioHarness, to: string, page: string, after = 0): Promise<string> => {
  for (let i = 0; i < 200; i++) {
    const mail = (await h.outbox()).slice(after).findLast((m) => m.to === to)
    const link =
      mail === undefined ? undefined : new RegExp(`\\S+/${page}#token=\\S+`, "u").exec(mail.text)?.[0]
    if (link !== undefined) return decodeURIComponent(link.split("#token=")[1]!)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`no ${page} email for ${to}`)
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

describe("account recovery over HTTP and PostgreSQL", () => {
  let h: ScenarioHarness
  let admin: TenantAdmin
  beforeAll(async () => {
    h = await makeScenarioHarness({
      settings: Layer.succeed(RecoveryLimitSettings, {
        resetPerAccount: NO_LIMITS,
        resetPerAddress: NO_LIMITS,
        verificationPerUser: NO_LIMITS
      })
    })
    admin = await newTenant(h.app)
  }, 120_000)
  afterAll(() => h.close())

  const ask = (email: string) =>
    call(h.app, "POST", "/v1/auth/password-reset", { body: { tenant: admin.slug, email } })
  const complete = (token: string, newPassword = NEW_PASSWORD) =>
    call(h.app, "POST", "/v1/auth/password-reset/complete", { body: { token, newPassword } })
  const login = (email: string, password: string, totp?: string) =>
    call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email, password, ...(totp === undefined ? {} : { totp }) }
    })

  it("the same answer and a similar time for known and unknown emails", async () => {
    const known = await newUser(h.app, admin)
    const rounds = 30
    const times = { known: [] as Array<number>, unknown: [] as Array<number> }
    const answers = new Set<string>()
    const sentBefore = (await h.outbox()).length
    // interleaved, so drift in the machine's load falls on both alike; the first round warms up
    for (let i = 0; i <= rounds; i++) {
      for (const [kind, email] of [
        ["known", known.email],
        ["unknown", `nobody-${i}@acme.test`]
      ] as const) {
        const started = process.hrtime.bigint()
        const response = await ask(email)
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6
        if (i > 0) times[kind].push(elapsed)
        answers.add(
          JSON.stringify([response.statusCode, response.body, response.headers["content-type"] ?? null])
        )
      }
    }
    expect([...answers]).toEqual([JSON.stringify([202, "", null])])
    const knownMedian = median(times.known)
    const unknownMedian = median(times.unknown)
    const ratio = Math.max(knownMedian, unknownMedian) / Math.min(knownMedian, unknownMedian)
    console.info(
      `password-reset timing on ${h.store}: known median ${knownMedian.toFixed(2)} ms, unknown median ` +
        `${unknownMedian.toFixed(2)} ms, ratio ${ratio.toFixed(2)} (${rounds} rounds each)`
    )
    // loose on purpose: medians within a factor of 2, on a shared and loaded machine
    expect(ratio).toBeLessThan(2)
    // the known account was really sent its links (in the background), the unknown ones nothing
    await linkFor(h, known.email, "password-reset", sentBefore)
    const sent = (await h.outbox()).slice(sentBefore)
    expect(sent.every((m) => m.to === known.email)).toBe(true)
  }, 120_000)

  it("a reset ends every session, clears a forced change and verifies the email; TOTP is still asked", async () => {
    const user = await newUser(h.app, admin)
    // TOTP on, and a forced change set by the admin (a second session of that kind)
    const started = json(await call(h.app, "POST", "/v1/me/mfa/totp", { token: user.token }))
    const key = await Effect.runPromise(decodeBase32(started.secret))
    const code = () => Effect.runPromise(generateTotp(key, h.clock.now()))
    const confirmed = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: user.token,
      body: { code: await code() }
    })
    expect(confirmed.statusCode).toBe(200)
    h.clock.advance(31_000)
    const fresh = json(await login(user.email, user.password, await code()))
    const adminReset = await call(h.app, "POST", `/v1/users/${user.id}/password`, {
      token: admin.token,
      body: { newPassword: OTHER_PASSWORD }
    })
    expect(adminReset.statusCode).toBe(200)
    h.clock.advance(31_000)
    const forced = json(await login(user.email, OTHER_PASSWORD, await code()))
    expect(forced.session.scope).toBe("password_change")

    const sentBefore = (await h.outbox()).length
    expect((await ask(user.email)).statusCode).toBe(202)
    const token = await linkFor(h, user.email, "password-reset", sentBefore)

    // the reset page's start: whose account, the tenant's policy for the check-marks; the token stays usable
    const resetStart = await call(h.app, "POST", "/v1/auth/password-reset/start", { body: { token } })
    expect(resetStart.statusCode).toBe(200)
    expect(json(resetStart)).toMatchObject({ email: user.email, hasMfa: true, tenant: { slug: admin.slug } })
    expect(json(resetStart).passwordPolicy.minLength).toBeGreaterThan(0)

    const weak = await complete(token, "short")
    expect(weak.statusCode).toBe(422)
    expect(json(weak).code).toBe("PASSWORD_POLICY")
    expect((await complete(token)).statusCode).toBe(204)

    for (const old of [user.token, fresh.token, forced.token]) {
      expect((await call(h.app, "GET", "/v1/me", { token: old })).statusCode).toBe(401)
    }
    expect(json(await login(user.email, OTHER_PASSWORD)).code).toBe("INVALID_CREDENTIALS")
    expect(json(await login(user.email, NEW_PASSWORD)).code).toBe("MFA_REQUIRED")
    h.clock.advance(31_000)
    const signedIn = await login(user.email, NEW_PASSWORD, await code())
    expect(signedIn.statusCode).toBe(200)
    expect(json(signedIn).session.scope).toBe("full")
    expect(json(signedIn).user.emailVerified).toBe(true)

    const reused = await complete(token, "Zq2%Another-Harbor-Dune")
    expect([reused.statusCode, json(reused).code]).toEqual([410, "TOKEN_USED"])
    const restarted = await call(h.app, "POST", "/v1/auth/password-reset/start", { body: { token } })
    expect([restarted.statusCode, json(restarted).code]).toEqual([410, "TOKEN_USED"])
    const unknown = await complete(`${crypto.randomUUID()}.${"A".repeat(43)}`)
    expect([unknown.statusCode, json(unknown).code]).toEqual([404, "TOKEN_INVALID"])
  }, 120_000)

  it("a link expires after 30 minutes, and a new request revokes the previous link", async () => {
    const user = await newUser(h.app, admin)
    let sentBefore = (await h.outbox()).length
    await ask(user.email)
    const first = await linkFor(h, user.email, "password-reset", sentBefore)
    h.clock.advance(30 * 60_000)
    const expired = await complete(first)
    expect([expired.statusCode, json(expired).code]).toEqual([410, "TOKEN_EXPIRED"])

    sentBefore = (await h.outbox()).length
    await ask(user.email)
    const second = await linkFor(h, user.email, "password-reset", sentBefore)
    sentBefore = (await h.outbox()).length
    await ask(user.email)
    const third = await linkFor(h, user.email, "password-reset", sentBefore)
    const revoked = await complete(second)
    expect([revoked.statusCode, json(revoked).code]).toEqual([404, "TOKEN_INVALID"])
    expect((await complete(third)).statusCode).toBe(204)
  }, 120_000)

  it("20 parallel completions of one link: exactly one succeeds, the others are TOKEN_USED (or TOO_MANY_ATTEMPTS: each attempt is reserved before its secret is checked, 5 free at once)", async () => {
    const user = await newUser(h.app, admin)
    const sentBefore = (await h.outbox()).length
    await ask(user.email)
    const token = await linkFor(h, user.email, "password-reset", sentBefore)
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => complete(token, `${NEW_PASSWORD}-${i}`))
    )
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 204)).toHaveLength(1)
    const refusals = new Set(answers.filter((a) => a.statusCode !== 204).map((a) => json(a).code))
    expect([...refusals].every((code) => code === "TOKEN_USED" || code === "TOO_MANY_ATTEMPTS")).toBe(true)
    const winner = answers.findIndex((a) => a.statusCode === 204)
    expect((await login(user.email, `${NEW_PASSWORD}-${winner}`)).statusCode).toBe(200)
  }, 120_000)

  it("a pending user gets the setup link again; disabled users and a tenant with resets off get nothing", async () => {
    const invited = json(
      await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: {
          email: "pending@acme.test",
          firstName: "Penny",
          lastName: "Pending",
          role: "Regular",
          invite: true
        }
      })
    )
    const disabled = await newUser(h.app, admin)
    await call(h.app, "POST", `/v1/users/${disabled.id}/disable`, { token: admin.token })
    const sentinel = await newUser(h.app, admin)

    let sentBefore = (await h.outbox()).length
    await ask("pending@acme.test")
    await ask(disabled.email)
    await ask(sentinel.email)
    const setupToken = await linkFor(h, "pending@acme.test", "setup", sentBefore)
    await linkFor(h, sentinel.email, "password-reset", sentBefore)
    const started = await call(h.app, "POST", "/v1/setup/start", { body: { token: setupToken } })
    expect(json(started).email).toBe("pending@acme.test")
    const old = await call(h.app, "POST", "/v1/setup/start", {
      body: { token: decodeURIComponent(invited.setupUrl.split("#token=")[1]) }
    })
    expect(json(old).code).toBe("TOKEN_INVALID")
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(
      (await h.outbox())
        .slice(sentBefore)
        .map((m) => m.to)
        .sort()
    ).toEqual(["pending@acme.test", sentinel.email].sort())

    const off = await call(h.app, "PUT", "/v1/settings/account-recovery", {
      token: admin.token,
      body: { passwordReset: false }
    })
    expect([off.statusCode, json(off)]).toEqual([200, { passwordReset: false }])
    sentBefore = (await h.outbox()).length
    expect((await ask(sentinel.email)).statusCode).toBe(202)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await h.outbox()).length).toBe(sentBefore)
    const back = await call(h.app, "PUT", "/v1/settings/account-recovery", {
      token: admin.token,
      body: { passwordReset: true }
    })
    expect(json(back)).toEqual({ passwordReset: true })
    expect(json(await call(h.app, "GET", "/v1/settings/account-recovery", { token: admin.token }))).toEqual({
      passwordReset: true
    })
  }, 120_000)

  it("email verification: the emailed link sets emailVerified, once", async () => {
    const user: TestUser = await newUser(h.app, admin)
    expect(json(await call(h.app, "GET", "/v1/me", { token: user.token })).emailVerified).toBe(false)
    const sentBefore = (await h.outbox()).length
    const requested = await call(h.app, "POST", "/v1/me/email-verification", { token: user.token })
    expect([requested.statusCode, requested.body]).toEqual([202, ""])
    const token = await linkFor(h, user.email, "verify-email", sentBefore)
    const done = await call(h.app, "POST", "/v1/email-verification/complete", { body: { token } })
    expect(done.statusCode).toBe(204)
    expect(json(await call(h.app, "GET", "/v1/me", { token: user.token })).emailVerified).toBe(true)
    const again = await call(h.app, "POST", "/v1/email-verification/complete", { body: { token } })
    expect([again.statusCode, json(again).code]).toEqual([410, "TOKEN_USED"])
    h.clock.advance(1000)
    const unknownUse = await call(h.app, "POST", "/v1/email-verification/complete", {
      body: { token: `${crypto.randomUUID()}.${"B".repeat(43)}` }
    })
    expect(json(unknownUse).code).toBe("TOKEN_INVALID")
  }, 120_000)
})

describe("account recovery rate limits", () => {
  it("the anonymous routes are rate limited per IP like login (429)", async () => {
    const h = await makeHarness({ rateLimit: { max: 2, timeWindow: "1 minute" } })
    try {
      for (const url of [
        "/v1/auth/password-reset",
        "/v1/auth/password-reset/complete",
        "/v1/email-verification/complete"
      ]) {
        const statuses: Array<number> = []
        for (let i = 0; i < 3; i++) statuses.push((await call(h.app, "POST", url, { body: {} })).statusCode)
        expect(statuses.slice(0, 2)).not.toContain(429)
        expect(statuses[2]).toBe(429)
      }
    } finally {
      await h.close()
    }
  })

  it("the fourth request in an hour for one email is 429 TOO_MANY_ATTEMPTS with Retry-After, known or not", async () => {
    const h = await makeHarness()
    try {
      const admin = await newTenant(h.app)
      for (const email of [admin.email, "ghost@acme.test"]) {
        for (let i = 0; i < 3; i++) {
          const ok = await call(h.app, "POST", "/v1/auth/password-reset", {
            body: { tenant: admin.slug, email }
          })
          expect(ok.statusCode).toBe(202)
        }
        const refused = await call(h.app, "POST", "/v1/auth/password-reset", {
          body: { tenant: admin.slug, email }
        })
        expect([refused.statusCode, json(refused).code]).toEqual([429, "TOO_MANY_ATTEMPTS"])
        expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0)
      }
    } finally {
      await h.close()
    }
  })
})
