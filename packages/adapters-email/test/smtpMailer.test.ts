import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Email, Mailer, type MailMessage } from "@gatehouse/domain"
import { Effect, Exit, Layer, Redacted } from "effect"
import { layer } from "../src/index.ts"
import { isTransient } from "../src/SmtpMailer.ts"
import { invitationMessage } from "../src/templates/invitation.ts"
import { readMessage } from "./mime.ts"
import { type LocalSmtp, startLocalSmtp } from "./smtpServer.ts"

const LINK = "https://gatehouse.example.com/setup#token=0190e4a1-7c3b-7b2a-9f00-1b2c3d4e5f60.AbC-dEf_123"
const EXPIRES = new Date("2026-01-04T09:30:00.000Z")
const FROM = "Gatehouse <no-reply@gatehouse.example.com>"

let smtp: LocalSmtp
beforeAll(async () => {
  smtp = await startLocalSmtp()
})
afterAll(async () => {
  await smtp.close()
})

const urlOf = (login = "mailer:s%40cret%20pw") => `smtp://${login}@127.0.0.1:${smtp.port}`

/** Sends through a fresh SMTP layer (closed afterwards) and returns what the server received meanwhile. */
const send = (
  messages: ReadonlyArray<MailMessage>,
  url = urlOf(),
  retryDelayMs?: number,
  attemptTimeoutMs?: number
) =>
  Effect.gen(function* () {
    const before = smtp.received.length
    const mailer = yield* Mailer
    const exits = yield* Effect.forEach(messages, (m) => Effect.exit(mailer.send(m)), {
      concurrency: "unbounded"
    })
    return { exits, received: smtp.received.slice(before) }
  }).pipe(
    Effect.provide(
      layer({
        url: Redacted.make(url),
        from: FROM,
        ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
        ...(attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs })
      })
    )
  )

const invitation = (tenantName: string, to = "ivy@example.com") =>
  invitationMessage(
    { name: tenantName, preset: "wetrack" },
    { email: to as Email, firstName: "Ivy" },
    LINK,
    EXPIRES
  )

const ATTEMPT_MS = 500

// The retries wait on the Clock: tests that reach them run on the live one (`it.live`), not the TestClock.
describe("SMTP Mailer", () => {
  it.effect(
    "delivers the invitation: recipient, sender, subject, and the link in the text and the HTML",
    () =>
      Effect.gen(function* () {
        const { exits, received } = yield* send([invitation("Acme Field Services")])
        assert.isTrue(Exit.isSuccess(exits[0]!))
        assert.strictEqual(received.length, 1)
        const mail = received[0]!
        assert.deepStrictEqual(mail.to, ["ivy@example.com"])
        assert.strictEqual(mail.from, "no-reply@gatehouse.example.com")
        // the login comes from the URL, percent-decoded
        assert.strictEqual(mail.user, "mailer")
        assert.deepStrictEqual(smtp.logins.at(-1), { username: "mailer", password: "s@cret pw" })
        const message = readMessage(mail.raw)
        assert.strictEqual(message.header("subject"), "You have been invited to Acme Field Services")
        assert.strictEqual(message.header("auto-submitted"), "auto-generated")
        assert.include(message.text, LINK)
        assert.include(message.text, "2026-01-04 09:30 UTC")
        assert.include(message.html, `href="${LINK}"`)
        assert.include(message.html, "Acme Field Services")
      })
  )

  it.effect("a tenant name with <script> arrives escaped in the HTML and as plain words in the text", () =>
    Effect.gen(function* () {
      const tenant = `Evil <script>alert("x")</script> & Co`
      const { received } = yield* send([invitation(tenant)])
      const message = readMessage(received[0]!.raw)
      assert.notInclude(message.html, "<script")
      assert.include(message.html, "Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co")
      assert.include(message.text, tenant)
      assert.strictEqual(message.header("subject"), `You have been invited to ${tenant}`)
    })
  )

  it.effect("a line break in a subject does not start a header of its own", () =>
    Effect.gen(function* () {
      const { received } = yield* send([{ ...invitation("Acme"), subject: "Hi\r\nBcc: victim@example.com" }])
      assert.deepStrictEqual(received[0]!.to, ["ivy@example.com"])
      const message = readMessage(received[0]!.raw)
      assert.isUndefined(message.header("bcc"))
      assert.strictEqual(message.header("subject"), "Hi Bcc: victim@example.com")
    })
  )

  it.effect("many messages at once go through the pool and all arrive", () =>
    Effect.gen(function* () {
      const messages = Array.from({ length: 20 }, (_, i) => invitation("Acme", `person${i}@example.com`))
      const { exits, received } = yield* send(messages)
      assert.isTrue(exits.every(Exit.isSuccess))
      assert.deepStrictEqual(received.flatMap((r) => r.to).sort(), messages.map((m) => m.to).sort())
    })
  )

  it.effect(
    "a refused recipient is MailDeliveryFailed naming codes only, never the message or the reply text",
    () =>
      Effect.gen(function* () {
        const { exits, received } = yield* send([invitation("Acme", "refused@example.com")])
        assert.strictEqual(received.length, 0)
        const exit = exits[0]!
        assert.isTrue(Exit.isFailure(exit))
        const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
        const failure = error !== undefined && error._tag === "Fail" ? error.error : undefined
        assert.strictEqual(failure?._tag, "MailDeliveryFailed")
        assert.match(failure?.reason ?? "", /^E[A-Z]+ \(550\)$/u)
        assert.notInclude(JSON.stringify(failure), "refused@example.com")
        assert.notInclude(JSON.stringify(failure), "token")
      })
  )

  it.live("a busy server (451, try again later) gets the message on a later try, once", () =>
    Effect.gen(function* () {
      const busy = yield* Effect.promise(() => startLocalSmtp({ busyFor: 2 }))
      const { exits } = yield* send([invitation("Acme")], `smtp://127.0.0.1:${busy.port}`, 10)
      yield* Effect.promise(() => busy.close())
      assert.isTrue(Exit.isSuccess(exits[0]!))
      assert.strictEqual(busy.attempts(), 3)
      assert.deepStrictEqual(
        busy.received.map((r) => r.to),
        [["ivy@example.com"]]
      )
    })
  )

  it.live(
    "a server still busy after the retries is MailDeliveryFailed (451); a 550 is never tried again",
    () =>
      Effect.gen(function* () {
        const busy = yield* Effect.promise(() => startLocalSmtp({ busyFor: 100 }))
        const { exits } = yield* send([invitation("Acme")], `smtp://127.0.0.1:${busy.port}`, 10)
        yield* Effect.promise(() => busy.close())
        const exit = exits[0]!
        const reason = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
        const failure = reason?._tag === "Fail" ? reason.error : undefined
        assert.strictEqual(failure?.reason, "EENVELOPE (451)")
        assert.strictEqual(busy.attempts(), 4)

        const before = smtp.attempts()
        yield* send([invitation("Acme", "refused@example.com")], urlOf(), 10)
        assert.strictEqual(smtp.attempts() - before, 1)
      })
  )

  it.live(
    "a try that is never answered (a message lost on a pooled connection) is tried again, and arrives",
    () =>
      Effect.gen(function* () {
        const silent = yield* Effect.promise(() => startLocalSmtp({ hangFor: 1 }))
        const started = Date.now()
        const { exits } = yield* send([invitation("Acme")], `smtp://127.0.0.1:${silent.port}`, 10, ATTEMPT_MS)
        // tried again after the try's bound (500 ms), not after nodemailer's 15 s of socket inactivity
        assert.isBelow(Date.now() - started, 10_000)
        yield* Effect.promise(() => silent.close())
        assert.isTrue(Exit.isSuccess(exits[0]!))
        assert.strictEqual(silent.attempts(), 2)
        assert.deepStrictEqual(
          silent.received.map((r) => r.to),
          [["ivy@example.com"]]
        )
      })
  )

  it("only a 4xx reply or a lost connection is worth another try", () => {
    assert.isTrue(isTransient({ code: "EENVELOPE", responseCode: 451 }))
    assert.isTrue(isTransient({ code: "ECONNECTION", responseCode: undefined }))
    assert.isTrue(isTransient({ code: "ETIMEDOUT", responseCode: undefined }))
    assert.isFalse(isTransient({ code: "EENVELOPE", responseCode: 550 }))
    assert.isFalse(isTransient({ code: "EAUTH", responseCode: 535 }))
    assert.isFalse(isTransient({ code: "EMESSAGE", responseCode: undefined }))
  })

  it.live("an unreachable server is MailDeliveryFailed", () =>
    Effect.gen(function* () {
      const closed = yield* Effect.promise(() => startLocalSmtp())
      yield* Effect.promise(() => closed.close())
      const { exits } = yield* send([invitation("Acme")], `smtp://127.0.0.1:${closed.port}`, 10)
      const exit = exits[0]!
      assert.isTrue(Exit.isFailure(exit))
      const reason = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
      assert.strictEqual(reason?._tag === "Fail" ? reason.error._tag : undefined, "MailDeliveryFailed")
    })
  )

  it.effect("a malformed SMTP_URL fails the layer with InvalidSmtpUrl, without the password", () =>
    Effect.gen(function* () {
      for (const url of [
        "http://user:hunter2@mail.example.com",
        "not a url hunter2",
        "smtp://user:hunter2@"
      ]) {
        const error = yield* Effect.flip(Layer.build(layer({ url, from: FROM })).pipe(Effect.scoped))
        assert.strictEqual(error._tag, "InvalidSmtpUrl")
        assert.include(error.message, "SMTP_URL")
        assert.notInclude(error.message, "hunter2")
      }
    })
  )
})
