import { assert, describe, it } from "@effect/vitest"
import { FakeShopifyServer } from "@gatehouse/testkit"
import { Effect } from "effect"
import { provideAll } from "./support.ts"

interface Answer {
  readonly status: number
  readonly body: { readonly data?: unknown; readonly errors?: unknown; readonly extensions?: unknown }
}

const post = (url: string, token: string | undefined, body: unknown) =>
  Effect.promise(async (): Promise<Answer> => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token === undefined ? {} : { "x-shopify-access-token": token })
      },
      body: JSON.stringify(body)
    })
    return { status: response.status, body: (await response.json()) as Answer["body"] }
  })

const messages = (answer: Answer): ReadonlyArray<string> =>
  Array.isArray(answer.body.errors) ? answer.body.errors.map((e: { message: string }) => e.message) : []

describe("the fake Shopify server validates like the real Admin API", () => {
  it.live("a document the real schema rejects gets 200 with errors[] and changes nothing", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const customer = fake.seedCustomer({ email: "a@example.com" })
      const send = (query: string, variables: Record<string, unknown> = {}) =>
        post(fake.endpoint(), fake.accessToken, { query, variables })

      // Customer.email is deprecated and not part of the schema subset Gatehouse may use.
      const deprecated = yield* send(`query($id: ID!) { customer(id: $id) { email } }`, { id: customer.id })
      assert.strictEqual(deprecated.status, 200)
      assert.isUndefined(deprecated.body.data)
      assert.match(messages(deprecated)[0] ?? "", /Cannot query field "email" on type "Customer"/u)

      // tagsAdd returns a Node: reading tags without `... on Customer` is invalid.
      const noFragment = yield* send(
        `mutation($id: ID!) { tagsAdd(id: $id, tags: ["x"]) { node { tags } } }`,
        {
          id: customer.id
        }
      )
      assert.match(messages(noFragment)[0] ?? "", /Cannot query field "tags" on type "Node"/u)
      assert.deepStrictEqual(fake.customer(customer.id)?.tags, [])

      // Variables are coerced against their declared types.
      const badVariable = yield* send(
        `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }`,
        {
          id: customer.id,
          tags: [null]
        }
      )
      assert.match(messages(badVariable)[0] ?? "", /\$tags/u)
      assert.deepStrictEqual(fake.customer(customer.id)?.tags, [])
      const missingVariable = yield* send(
        `query($email: String!) { customerByIdentifier(identifier: { emailAddress: $email }) { id } }`
      )
      assert.match(messages(missingVariable)[0] ?? "", /\$email/u)

      // An input field that does not exist, and a syntax error.
      const unknownInput = yield* send(
        `mutation { customerCreate(input: { email: "b@example.com", company: "X" }) { userErrors { message } } }`
      )
      assert.match(messages(unknownInput)[0] ?? "", /company/u)
      const syntax = yield* send(`query { shop { `)
      assert.match(messages(syntax)[0] ?? "", /Syntax Error/u)
      assert.lengthOf(fake.customers(), 1)

      // The same server runs a valid document: validation is what refused the ones above.
      const valid = yield* send(`query($id: ID!) { customer(id: $id) { id state tags } }`, {
        id: customer.id
      })
      assert.deepStrictEqual(valid.body.data, { customer: { id: customer.id, state: "DISABLED", tags: [] } })
      assert.property(valid.body.extensions as object, "cost")
    }).pipe(provideAll())
  )

  it.live(
    "only POST /admin/api/{version}/graphql.json exists; a missing or unknown token is 401 with a string",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeShopifyServer
        const query = { query: "{ shop { id } }" }
        assert.strictEqual(
          (yield* post(`${fake.url}/admin/api/2026-07/other.json`, fake.accessToken, query)).status,
          404
        )
        assert.strictEqual((yield* post(`${fake.url}/graphql`, fake.accessToken, query)).status, 404)
        for (const token of [undefined, "shpat_unknown"]) {
          const denied = yield* post(fake.endpoint(), token, query)
          assert.strictEqual(denied.status, 401)
          assert.strictEqual(
            denied.body.errors,
            "[API] Invalid API key or access token (unrecognized login or wrong password)"
          )
        }
        const ok = yield* post(fake.endpoint("2025-01"), fake.accessToken, query)
        assert.deepStrictEqual(ok.body.data, { shop: { id: "gid://shopify/Shop/1" } })
      }).pipe(provideAll())
  )
})
