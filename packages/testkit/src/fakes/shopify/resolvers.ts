import type { FakeCustomer, Outcome, ShopState, UserError } from "./state.ts"

/** A customer as the GraphQL `Customer` type serves it. */
const customerView = (customer: FakeCustomer) => ({
  __typename: "Customer",
  id: customer.id,
  state: customer.state,
  tags: customer.tags,
  displayName:
    [customer.firstName, customer.lastName].filter((part) => part).join(" ") || customer.email || "",
  defaultEmailAddress: customer.email === null ? null : { emailAddress: customer.email }
})

const payload = <A>(outcome: Outcome<A>, key: string, view: (value: A) => unknown) =>
  "ok" in outcome
    ? { [key]: view(outcome.ok), userErrors: [] as ReadonlyArray<UserError> }
    : { [key]: null, userErrors: outcome.userErrors }

/** Matches `customers(query:)` as Shopify's search does: `email:a@b.c` unquoted is tokenized, quoted exact. */
const matches = (customer: FakeCustomer, query: string): boolean => {
  const tokens = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/u)
      .filter((t) => t !== "")
  const terms = query.match(/(?:[a-z_]+:)?(?:"[^"]*"|\S+)/giu) ?? []
  return terms.every((term) => {
    const [, field = "", raw = term] = /^(?:([a-z_]+):)?(.*)$/iu.exec(term) ?? []
    const quoted = raw.startsWith('"') && raw.endsWith('"')
    const value = quoted ? raw.slice(1, -1) : raw
    if (field === "tag") return customer.tags.some((tag) => tag.toLowerCase() === value.toLowerCase())
    const haystack =
      field === "email"
        ? (customer.email ?? "")
        : `${customer.email ?? ""} ${customer.firstName ?? ""} ${customer.lastName ?? ""}`
    if (quoted) return haystack.toLowerCase() === value.toLowerCase()
    const have = new Set(tokens(haystack))
    return tokens(value).every((token) => have.has(token))
  })
}

/** The root resolvers of the subset schema over one fake store. */
export const rootValue = (state: ShopState, options: { readonly searchLagMs: () => number }) => ({
  customer: ({ id }: { id: string }) => {
    const customer = state.customers.get(id)
    return customer === undefined ? null : customerView(customer)
  },
  customerByIdentifier: ({
    identifier
  }: {
    identifier: { emailAddress?: string | null; id?: string | null }
  }) => {
    const customer =
      identifier.emailAddress != null
        ? state.byEmail(identifier.emailAddress)
        : identifier.id != null
          ? state.customers.get(identifier.id)
          : undefined
    return customer === undefined ? null : customerView(customer)
  },
  customers: (args: { first?: number | null; last?: number | null; query?: string | null }) => {
    const size = args.first ?? args.last
    if (size == null) throw new Error("you must provide one of first or last")
    const found = state.indexed(options.searchLagMs()).filter((c) => matches(c, args.query ?? ""))
    return { nodes: (args.last != null ? found.slice(-size) : found.slice(0, size)).map(customerView) }
  },
  shop: () => ({
    id: "gid://shopify/Shop/1",
    customerAccountsV2: { customerAccountsVersion: state.accountsVersion, url: state.accountsUrl }
  }),
  customerCreate: ({
    input
  }: {
    input: {
      email?: string | null
      firstName?: string | null
      lastName?: string | null
      tags?: ReadonlyArray<string> | null
    }
  }) => payload(state.create(input), "customer", customerView),
  tagsAdd: ({ id, tags }: { id: string; tags: ReadonlyArray<string> }) =>
    payload(state.changeTags(id, tags, "add"), "node", customerView),
  tagsRemove: ({ id, tags }: { id: string; tags: ReadonlyArray<string> }) =>
    payload(state.changeTags(id, tags, "remove"), "node", customerView),
  customerSendAccountInviteEmail: ({
    customerId,
    email
  }: {
    customerId: string
    email?: { to?: string | null; subject?: string | null } | null
  }) => payload(state.sendInvite(customerId, email ?? {}), "customer", customerView),
  customerGenerateAccountActivationUrl: ({ customerId }: { customerId: string }) =>
    payload(state.generateActivationUrl(customerId), "accountActivationUrl", (url) => url)
})
