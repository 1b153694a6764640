import { assert, describe, it } from "@effect/vitest"
import {
  ESHOP_TAG_CONFLICT_MESSAGE,
  eshopActivationUrl,
  eshopStatus,
  inviteToEshop,
  resendEshopInvite,
  revokeEshop
} from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { auditActions, calls, type Portal, portal, provideAll } from "./support.ts"

const ACME_TAGS = ["pims-customer:C100", "pims-name:Acme Inc.", "price-code:P1"]

const statusOf = (p: Portal) =>
  Effect.map(eshopStatus(p.adminActor, p.organization.id, p.member.id), (s) => s.status)
const invite = (p: Portal) => inviteToEshop(p.adminActor, p.organization.id, p.member.id)
const revoke = (p: Portal) => revokeEshop(p.adminActor, p.organization.id, p.member.id)
const customerOf = (p: Portal) => p.fake.customerByEmail(p.member.email)

describe("eShop access over the adapter and the fake store (classic customer accounts)", () => {
  it.live("every status: no_account -> invited -> active -> inactive (revoke) -> active (invite again)", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      assert.strictEqual(yield* statusOf(p), "no_account")

      const invited = yield* invite(p)
      const customer = customerOf(p)
      assert.isDefined(customer)
      assert.deepStrictEqual(
        {
          state: customer?.state,
          tags: customer?.tags,
          status: invited.status,
          emailSent: invited.emailSent
        },
        { state: "INVITED", tags: ACME_TAGS, status: "invited", emailSent: true }
      )
      const url = Redacted.value(invited.activationUrl as Redacted.Redacted<string>)
      assert.isTrue(p.fake.activationUrlWorks(url))
      assert.deepStrictEqual(
        p.fake.outbox().map((m) => ({ to: m.to, url: m.activationUrl })),
        [{ to: "pat@example.com", url }]
      )
      assert.strictEqual(yield* statusOf(p), "invited")

      p.fake.activate(customer!.id)
      assert.strictEqual(yield* statusOf(p), "active")
      assert.isFalse(p.fake.activationUrlWorks(url))

      assert.deepStrictEqual(yield* revoke(p), { status: "inactive" })
      assert.deepStrictEqual(customerOf(p)?.tags, [])
      assert.strictEqual(yield* statusOf(p), "inactive")

      // An activated account needs no invitation: the tags come back, no email, no URL.
      const again = yield* invite(p)
      assert.deepStrictEqual(again, { status: "active", activationUrl: null, emailSent: false })
      assert.deepStrictEqual(customerOf(p)?.tags, ACME_TAGS)
      assert.lengthOf(p.fake.outbox(), 1)
      assert.deepStrictEqual(yield* auditActions, ["eshop.invited", "eshop.revoked", "eshop.invited"])
    }).pipe(provideAll())
  )

  it.live("DISABLED, INVITED and DECLINED with the code tag are all `invited`", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const customer = p.fake.seedCustomer({ email: "pat@example.com", tags: ["pims-customer:C100"] })
      for (const state of ["DISABLED", "INVITED", "DECLINED"] as const) {
        p.fake.setState(customer.id, state)
        assert.strictEqual(yield* statusOf(p), "invited", state)
      }
    }).pipe(provideAll())
  )

  it.live(
    "one invite of a new person costs five calls; a second invite makes no second customer or tag",
    () =>
      Effect.gen(function* () {
        const p = yield* portal()
        const first = yield* invite(p)
        assert.deepStrictEqual(calls(p.fake), [
          "shop",
          "customerByIdentifier",
          "customerCreate",
          "customerGenerateAccountActivationUrl",
          "customerSendAccountInviteEmail"
        ])
        const second = yield* invite(p)
        assert.lengthOf(p.fake.customers(), 1)
        assert.deepStrictEqual(customerOf(p)?.tags, ACME_TAGS)
        assert.strictEqual(second.status, "invited")
        // A new invitation: a new link, and the first one stops working.
        assert.lengthOf(p.fake.outbox(), 2)
        assert.isFalse(p.fake.activationUrlWorks(Redacted.value(first.activationUrl!)))
        assert.isTrue(p.fake.activationUrlWorks(Redacted.value(second.activationUrl!)))
      }).pipe(provideAll())
  )

  it.live("a customer-code tag of another organization stops the invite with nothing changed", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const other = p.fake.seedCustomer({
        email: "pat@example.com",
        tags: ["pims-customer:C999", "pims-name:Other"]
      })
      const error = yield* Effect.flip(invite(p))
      assert.strictEqual(error._tag, "EshopTagConflict")
      assert.strictEqual(error.message, ESHOP_TAG_CONFLICT_MESSAGE)
      assert.strictEqual(error.message, "This email address is tied to a different customer.")
      assert.deepStrictEqual(p.fake.customer(other.id), other)
      assert.lengthOf(p.fake.outbox(), 0)
      assert.notInclude(calls(p.fake), "tagsAdd")
      assert.deepStrictEqual(yield* auditActions, [])
      assert.strictEqual(yield* statusOf(p), "inactive")
    }).pipe(provideAll())
  )

  it.live("two admins racing: a second organization's code appearing after tagsAdd is undone", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const customer = p.fake.seedCustomer({ email: "pat@example.com", tags: ["newsletter"] })
      // Another organization's admin tags the same customer right after our tagsAdd took effect.
      p.fake.afterField("tagsAdd", (fake) =>
        fake.setTags(customer.id, [...(fake.customer(customer.id)?.tags ?? []), "pims-customer:C999"])
      )
      const error = yield* Effect.flip(invite(p))
      assert.strictEqual(error._tag, "EshopTagConflict")
      assert.deepStrictEqual(p.fake.customer(customer.id)?.tags, ["newsletter", "pims-customer:C999"])
      assert.lengthOf(p.fake.outbox(), 0)
    }).pipe(provideAll())
  )

  it.live("revoke removes this organization's tags and no others", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const customer = p.fake.seedCustomer({
        email: "pat@example.com",
        tags: ["VIP", "newsletter", ...ACME_TAGS]
      })
      yield* revoke(p)
      assert.deepStrictEqual(p.fake.customer(customer.id)?.tags, ["newsletter", "VIP"])
      // With another organization's code on the customer too, the shared-looking name and price tags stay.
      p.fake.setTags(customer.id, [
        "pims-customer:C999",
        "price-code:P1",
        "pims-name:Acme Inc.",
        "pims-customer:C100"
      ])
      yield* revoke(p)
      assert.deepStrictEqual(p.fake.customer(customer.id)?.tags, [
        "pims-customer:C999",
        "pims-name:Acme Inc.",
        "price-code:P1"
      ])
      // Nothing of ours left: revoke changes nothing and records nothing.
      const before = (yield* auditActions).length
      assert.deepStrictEqual(yield* revoke(p), { status: "inactive" })
      assert.strictEqual((yield* auditActions).length, before)
    }).pipe(provideAll())
  )

  it.live("the price-code tag is optional", () =>
    Effect.gen(function* () {
      const p = yield* portal({ priceCode: null })
      yield* invite(p)
      assert.deepStrictEqual(customerOf(p)?.tags, ["pims-customer:C100", "pims-name:Acme Inc."])
    }).pipe(provideAll())
  )

  it.live(
    "an organization name with commas stays one tag (the name is used when there is no PIMS name)",
    () =>
      Effect.gen(function* () {
        const p = yield* portal({ name: "Smith, Jones, & Co, Ltd", pimsCustomerName: null, priceCode: null })
        yield* invite(p)
        assert.deepStrictEqual(customerOf(p)?.tags, ["pims-customer:C100", "pims-name:Smith Jones & Co Ltd"])
      }).pipe(provideAll())
  )

  it.live("tags of ours in another casing count as present: no duplicate, revoke removes them", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const customer = p.fake.seedCustomer({
        email: "pat@example.com",
        tags: ["PIMS-CUSTOMER:c100", "Pims-Name:ACME INC."]
      })
      assert.strictEqual(yield* statusOf(p), "invited")
      yield* invite(p)
      assert.deepStrictEqual(p.fake.customer(customer.id)?.tags, [
        "PIMS-CUSTOMER:c100",
        "Pims-Name:ACME INC.",
        "price-code:P1"
      ])
      assert.deepStrictEqual(p.fake.requests().find((r) => r.fields.includes("tagsAdd"))?.variables.tags, [
        "price-code:P1"
      ])
      yield* revoke(p)
      assert.deepStrictEqual(p.fake.customer(customer.id)?.tags, [])
    }).pipe(provideAll())
  )

  it.live("Shopify's 250-tag limit: the invite fails with nothing changed; 247 merchant tags still fit", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const merchant = (n: number) => Array.from({ length: n }, (_, i) => `m${String(i).padStart(3, "0")}`)
      const full = p.fake.seedCustomer({ email: "pat@example.com", tags: merchant(248) })
      const error = yield* Effect.flip(invite(p))
      assert.deepStrictEqual(error._tag === "ShopifyRejected" ? error.messages : error._tag, [
        "Tags cannot be more than 250"
      ])
      assert.deepStrictEqual(p.fake.customer(full.id)?.tags, merchant(248))
      assert.lengthOf(p.fake.outbox(), 0)
      p.fake.setTags(full.id, merchant(247))
      yield* invite(p)
      assert.lengthOf(p.fake.customer(full.id)?.tags ?? [], 250)
    }).pipe(provideAll())
  )

  it.live("a long name under a long tag format is cut to Shopify's 255 characters, not refused", () =>
    Effect.gen(function* () {
      const format = `${"customer-name-".repeat(6)}{value}`
      const p = yield* portal(
        { name: "N".repeat(200), pimsCustomerName: null, priceCode: null },
        { tagFormats: { customerName: format } }
      )
      yield* invite(p)
      const name = customerOf(p)?.tags.find((t) => t.startsWith("customer-name-"))
      assert.strictEqual(name?.length, 255)
      assert.strictEqual(yield* statusOf(p), "invited")
    }).pipe(provideAll())
  )

  it.live("resend sends Shopify's email again; it needs an invited, not yet active member", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const notInvited = yield* Effect.flip(resendEshopInvite(p.adminActor, p.organization.id, p.member.id))
      assert.deepStrictEqual(
        notInvited._tag === "EshopNotInvited" ? notInvited.status : notInvited._tag,
        "no_account"
      )
      yield* invite(p)
      assert.deepStrictEqual(yield* resendEshopInvite(p.adminActor, p.organization.id, p.member.id), {
        status: "invited"
      })
      assert.lengthOf(p.fake.outbox(), 2)
      p.fake.setState(customerOf(p)!.id, "ENABLED")
      const active = yield* Effect.flip(resendEshopInvite(p.adminActor, p.organization.id, p.member.id))
      assert.strictEqual(active._tag, "EshopAlreadyActive")
      assert.lengthOf(p.fake.outbox(), 2)
    }).pipe(provideAll())
  )

  it.live("copy activation URL: a fresh URL that works, the earlier one (emailed) stops working", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const invited = yield* invite(p)
      const { activationUrl } = yield* eshopActivationUrl(p.adminActor, p.organization.id, p.member.id)
      assert.isTrue(p.fake.activationUrlWorks(Redacted.value(activationUrl)))
      assert.isFalse(p.fake.activationUrlWorks(Redacted.value(invited.activationUrl!)))
      assert.deepStrictEqual(yield* auditActions, ["eshop.invited", "eshop.activation_url_generated"])
      // Audit details never carry the URL.
      const audit = JSON.stringify(
        (yield* Effect.flatMap(memory.MemoryStore, (store) => store.snapshot)).get(memory.tables.Audit)
      )
      assert.notInclude(audit, Redacted.value(activationUrl))
      assert.notInclude(audit, "/account/activate/")
    }).pipe(provideAll())
  )
})

describe("eShop access on a store with new customer accounts", () => {
  it.live("invite tags the customer and sends our email with the store's sign-in URL; no Shopify email", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      const invited = yield* invite(p)
      assert.deepStrictEqual(
        { status: invited.status, url: Redacted.value(invited.activationUrl!), emailSent: invited.emailSent },
        { status: "invited", url: "https://shopify.com/1/account", emailSent: true }
      )
      assert.deepStrictEqual(
        { state: customerOf(p)?.state, tags: customerOf(p)?.tags },
        { state: "DISABLED", tags: ACME_TAGS }
      )
      assert.lengthOf(p.fake.outbox(), 0)
      assert.notInclude(calls(p.fake), "customerSendAccountInviteEmail")
      const mails = yield* memory.Mailer.outbox
      assert.lengthOf(mails, 1)
      assert.strictEqual(mails[0]?.to, "pat@example.com")
      assert.include(mails[0]?.text ?? "", "https://shopify.com/1/account")

      const { activationUrl } = yield* eshopActivationUrl(p.adminActor, p.organization.id, p.member.id)
      assert.strictEqual(Redacted.value(activationUrl), "https://shopify.com/1/account")
      yield* resendEshopInvite(p.adminActor, p.organization.id, p.member.id)
      assert.lengthOf(yield* memory.Mailer.outbox, 2)
      // A first sign-in enables the customer.
      p.fake.setState(customerOf(p)!.id, "ENABLED")
      assert.strictEqual(yield* statusOf(p), "active")
    }).pipe(provideAll({ customerAccounts: "NEW_CUSTOMER_ACCOUNTS" }))
  )
})
