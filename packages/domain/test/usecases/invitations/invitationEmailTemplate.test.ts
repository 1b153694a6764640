import { assert, describe, it } from "@effect/vitest"
import {
  bulkUsers,
  createUser,
  type Email,
  type InvitationEmailBuilder,
  InvitationEmailTemplate,
  InvitationRepository,
  importUsers,
  type RoleName,
  startSetup,
  type Tenant
} from "@gatehouse/domain"
import { layerMemory, memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, Redacted } from "effect"
import { csvRows, theUser } from "../bulk/support.ts"
import { theInvitationEmail, tokenOfLink } from "../users/setupMail.ts"
import { provide } from "../users/support.ts"

/** A product's own template: says which preset wrote it, and carries the link and expiry it was given. */
const branded: InvitationEmailBuilder = (tenant, user, link, expiresAt) => ({
  to: user.email,
  subject: `[${tenant.preset}] ${user.firstName}, welcome to ${tenant.name}`,
  text: `Your link: ${link}\nValid until ${expiresAt.toISOString()}`,
  html: `<a href="${link}">Start</a>`
})

const LINK = /https?:\/\/\S+\/setup#token=\S+/u

const linkIn = (text: string): string => {
  const link = LINK.exec(text)?.[0]
  assert.isDefined(link, `no setup link in: ${text}`)
  return link as string
}

/** The expiry the branded template wrote into a message. */
const expiryIn = (text: string): Date => new Date(text.slice(text.indexOf("Valid until ") + 12))

const invite = (tenant: Tenant, adminActor: Parameters<typeof createUser>[0]) =>
  createUser(adminActor, {
    email: "ivy@example.com" as Email,
    firstName: "Ivy",
    lastName: "Invitee",
    role: (tenant.preset === "wetrack" ? "General" : "Regular") as RoleName,
    credential: { _tag: "Invite" }
  })

describe("InvitationEmailTemplate", () => {
  it.effect("by default, the domain's generic invitation email", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack", name: "Acme Tracking" })
      const created = yield* invite(tenant, adminActor)
      const { mail, link } = yield* theInvitationEmail
      assert.strictEqual(mail.subject, "Set up your Acme Tracking account")
      assert.include(mail.text, "Hello Ivy,")
      assert.strictEqual(link, Redacted.value(created.setupUrl!))
    }).pipe(provide)
  )

  it.effect(
    "overridden: issueSetupInvitation sends exactly what the template writes, with a working link",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack", name: "Acme Tracking" })
        const created = yield* invite(tenant, adminActor)
        const outbox = yield* memory.Mailer.outbox
        assert.lengthOf(outbox, 1)
        const expected = branded(tenant, created.user, Redacted.value(created.setupUrl!), created.expiresAt!)
        assert.deepStrictEqual(outbox[0], expected)
        assert.strictEqual(outbox[0]!.subject, "[wetrack] Ivy, welcome to Acme Tracking")
        const started = yield* startSetup({ token: tokenOfLink(linkIn(outbox[0]!.text)) })
        assert.strictEqual(started.email, "ivy@example.com")
      }).pipe(Effect.provideService(InvitationEmailTemplate, branded), provide)
  )

  it.effect(
    "overridden by a layer, as a composition root does: a new link from the bulk invite uses it",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "weavestream", name: "Stream Co" })
        const pending = yield* seedUser(tenant, { status: "pending", firstName: "Pat" })
        const { results } = yield* bulkUsers(adminActor, { action: "invite", ids: [pending.id] })
        assert.deepStrictEqual(results, [{ id: pending.id, ok: true, emailSent: true }])
        const outbox = yield* memory.Mailer.outbox
        assert.deepStrictEqual(
          outbox.map((m) => [m.to, m.subject]),
          [[pending.email, "[weavestream] Pat, welcome to Stream Co"]]
        )
      }).pipe(
        Effect.provide(Layer.merge(Layer.fresh(layerMemory), Layer.succeed(InvitationEmailTemplate, branded)))
      )
  )

  it.effect("overridden: every imported user's email is the template's, with its own link and expiry", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack", name: "Acme Tracking" })
      const result = yield* importUsers(adminActor, csvRows(3))
      assert.strictEqual(result.emailsSent, 3)
      const outbox = yield* memory.Mailer.outbox
      assert.deepStrictEqual(outbox.map((m) => m.to).sort(), [
        "person1@example.com",
        "person2@example.com",
        "person3@example.com"
      ])
      const invitations = yield* InvitationRepository
      for (const mail of outbox) {
        const n = /person(\d)@/u.exec(mail.to)![1]!
        const link = linkIn(mail.text)
        assert.deepStrictEqual(
          mail,
          branded(tenant, { email: mail.to, firstName: `First${n}` }, link, expiryIn(mail.text))
        )
        const started = yield* startSetup({ token: tokenOfLink(link) })
        assert.strictEqual(started.email, mail.to)
        const user = yield* theUser(tenant, mail.to)
        const [invitation] = yield* invitations.listByUser(tenant.id, user.id)
        assert.strictEqual(invitation?.expiresAt.toISOString(), expiryIn(mail.text).toISOString())
      }
    }).pipe(Effect.provideService(InvitationEmailTemplate, branded), provide)
  )
})
