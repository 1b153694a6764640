import { randomBytes } from "node:crypto"
import { addTags, normaliseTags, removeTags, splitTags, tagsProblem } from "./tags.ts"

export type CustomerState = "DISABLED" | "INVITED" | "ENABLED" | "DECLINED"
export type CustomerAccountsVersion = "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS"

/** A customer of the fake store, as the test hooks show it. */
export interface FakeCustomer {
  readonly id: string
  readonly email: string | null
  readonly firstName: string | null
  readonly lastName: string | null
  readonly state: CustomerState
  readonly tags: ReadonlyArray<string>
  /** The token of the one activation URL that currently works (classic accounts), if any. */
  readonly activationToken: string | null
}

/** An account invite email the store "sent". */
export interface OutboxEmail {
  readonly customerId: string
  readonly to: string
  readonly subject: string
  readonly activationUrl: string
  readonly sentAt: Date
}

export interface UserError {
  readonly field: ReadonlyArray<string> | null
  readonly message: string
  readonly code?: "INVALID"
}

export type Outcome<A> = { readonly ok: A } | { readonly userErrors: ReadonlyArray<UserError> }

const fail = (message: string, field: ReadonlyArray<string> | null, code?: "INVALID"): Outcome<never> => ({
  userErrors: [code === undefined ? { field, message } : { field, message, code }]
})

const numericId = (id: string): string => id.slice(id.lastIndexOf("/") + 1)

/**
 * The fake store's data and its rules (unique emails, new customers DISABLED, Shopify's tag handling, classic
 * invitations), apart from HTTP. Times come from the wall clock: the fake is a test double, not domain code.
 */
export class ShopState {
  customers = new Map<string, FakeCustomer>()
  outbox: Array<OutboxEmail> = []
  accountsVersion: CustomerAccountsVersion = "CLASSIC"
  accountsUrl: string | null
  private nextId = 7_000_000_001
  /** Snapshots of the customers for the lagging search index, newest last. */
  private history: Array<{ readonly at: number; readonly customers: ReadonlyArray<FakeCustomer> }> = []

  constructor(readonly shopDomain: string) {
    this.accountsUrl = `https://${shopDomain}/account`
    this.recordHistory()
  }

  private recordHistory(): void {
    this.history.push({ at: Date.now(), customers: [...this.customers.values()] })
    if (this.history.length > 500) this.history.splice(0, this.history.length - 500)
  }

  private put(customer: FakeCustomer): FakeCustomer {
    this.customers.set(customer.id, customer)
    this.recordHistory()
    return customer
  }

  byEmail(email: string): FakeCustomer | undefined {
    const wanted = email.trim().toLowerCase()
    return [...this.customers.values()].find((c) => c.email?.toLowerCase() === wanted)
  }

  /** Customers as the search index saw them `lagMs` ago. */
  indexed(lagMs: number): ReadonlyArray<FakeCustomer> {
    const cutoff = Date.now() - lagMs
    let seen: ReadonlyArray<FakeCustomer> = []
    for (const entry of this.history) if (entry.at <= cutoff) seen = entry.customers
    return seen
  }

  create(input: {
    readonly email?: string | null | undefined
    readonly firstName?: string | null | undefined
    readonly lastName?: string | null | undefined
    readonly tags?: ReadonlyArray<string> | null | undefined
    readonly state?: CustomerState | undefined
  }): Outcome<FakeCustomer> {
    const email = input.email?.trim() || null
    if (email === null && !input.firstName && !input.lastName) {
      return fail("A name, phone number, or email address must be present", null)
    }
    if (email !== null && this.byEmail(email) !== undefined)
      return fail("Email has already been taken", ["email"])
    const tags = normaliseTags(splitTags(input.tags ?? []))
    const problem = tagsProblem(tags)
    if (problem !== undefined) return fail(problem, ["tags"])
    return {
      ok: this.put({
        id: `gid://shopify/Customer/${this.nextId++}`,
        email,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        state: input.state ?? "DISABLED",
        tags,
        activationToken: null
      })
    }
  }

  changeTags(id: string, tags: ReadonlyArray<string>, how: "add" | "remove"): Outcome<FakeCustomer> {
    const customer = this.customers.get(id)
    if (customer === undefined) return fail("Customer does not exist", ["id"])
    const next = how === "add" ? addTags(customer.tags, tags) : removeTags(customer.tags, tags)
    const problem = tagsProblem(next)
    if (problem !== undefined) return fail(problem, ["tags"])
    return { ok: this.put({ ...customer, tags: next }) }
  }

  private classicCustomer(id: string, field: string): Outcome<FakeCustomer> {
    const customer = this.customers.get(id)
    if (customer === undefined) return fail("Customer does not exist", [field], "INVALID")
    if (this.accountsVersion !== "CLASSIC") {
      return fail("This action is only available with classic customer accounts", null, "INVALID")
    }
    if (customer.state === "ENABLED") return fail("Account already enabled", [field], "INVALID")
    return { ok: customer }
  }

  activationUrlOf(customer: FakeCustomer, token: string): string {
    return `https://${this.shopDomain}/account/activate/${numericId(customer.id)}/${token}`
  }

  /** A new one-time activation URL; the previous one stops working. */
  generateActivationUrl(id: string): Outcome<string> {
    const found = this.classicCustomer(id, "customerId")
    if (!("ok" in found)) return found
    const token = randomBytes(16).toString("hex")
    const customer = this.put({ ...found.ok, activationToken: token })
    return { ok: this.activationUrlOf(customer, token) }
  }

  /** Sends the invite email (with the current activation URL, made when there is none) and sets INVITED. */
  sendInvite(
    id: string,
    email: { readonly to?: string | null; readonly subject?: string | null }
  ): Outcome<FakeCustomer> {
    const found = this.classicCustomer(id, "customerId")
    if (!("ok" in found)) return found
    const to = email.to ?? found.ok.email
    if (to === null) return fail("Customer has no email address", ["customerId"], "INVALID")
    const token = found.ok.activationToken ?? randomBytes(16).toString("hex")
    const customer = this.put({ ...found.ok, state: "INVITED", activationToken: token })
    this.outbox.push({
      customerId: id,
      to,
      subject: email.subject ?? "Customer account activation",
      activationUrl: this.activationUrlOf(customer, token),
      sentAt: new Date()
    })
    return { ok: customer }
  }

  /** Test hook: replaces fields of a customer (state, tags ...) as the store's admin or the customer would. */
  update(id: string, change: Partial<Omit<FakeCustomer, "id">>): FakeCustomer {
    const customer = this.customers.get(id)
    if (customer === undefined) throw new Error(`No customer ${id}`)
    const tags = change.tags === undefined ? customer.tags : normaliseTags(splitTags(change.tags))
    const enabled = change.state === "ENABLED"
    return this.put({ ...customer, ...change, tags, ...(enabled ? { activationToken: null } : {}) })
  }

  /** Whether an activation URL still works (the newest one of a customer who has not activated). */
  activationUrlWorks(url: string): boolean {
    return [...this.customers.values()].some(
      (c) =>
        c.state !== "ENABLED" &&
        c.activationToken !== null &&
        this.activationUrlOf(c, c.activationToken) === url
    )
  }
}
