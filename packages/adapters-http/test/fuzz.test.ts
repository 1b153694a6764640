import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  type Method,
  makeHarness,
  newTenant,
  type TenantAdmin
} from "./support/harness.ts"

interface Operation {
  readonly method: Method
  readonly path: string
  readonly anonymous: boolean
}

/** Fills `{param}` placeholders with a UUID or an arbitrary string. */
const pathArbitrary = (path: string) =>
  fc
    .array(fc.oneof(fc.uuid(), fc.string({ maxLength: 12 })), { minLength: 4, maxLength: 4 })
    .map((values) => {
      let i = 0
      return path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? "x") || "x")
    })

describe("fuzzing every route of the OpenAPI document", () => {
  let h: Harness
  let admin: TenantAdmin
  let operations: ReadonlyArray<Operation>
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
    const document = json(await call(h.app, "GET", "/openapi.json"))
    operations = Object.entries(
      document.paths as Record<string, Record<string, { security?: unknown }>>
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase() as Method,
        path,
        anonymous: operation.security === undefined
      }))
    )
  })
  afterAll(() => h.close())

  it("never answers a 5xx to arbitrary JSON bodies and query strings", async () => {
    expect(operations.length).toBeGreaterThan(60)
    const request = fc.record({
      index: fc.nat(),
      body: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
      query: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }), {
        maxKeys: 3
      })
    })
    await fc.assert(
      fc.asyncProperty(request, fc.context(), async ({ index, body, query }, context) => {
        const operation = operations[index % operations.length]!
        const url = fc.sample(pathArbitrary(operation.path), { numRuns: 1, seed: index })[0]!
        // logging out would end the admin's session for the rest of the run
        const token = operation.anonymous || operation.path === "/v1/auth/logout" ? undefined : admin.token
        const response = await h.app.inject({
          method: operation.method,
          url,
          query,
          headers: {
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
            ...(body === undefined ? {} : { "content-type": "application/json" })
          },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) })
        })
        context.log(`${operation.method} ${url} -> ${response.statusCode}`)
        expect(response.statusCode).toBeLessThan(500)
      }),
      { numRuns: 400 }
    )
    // the admin's session survived the run: nothing rejected took it away
    expect((await call(h.app, "GET", "/v1/me", { token: admin.token })).statusCode).toBe(200)
  })
})
