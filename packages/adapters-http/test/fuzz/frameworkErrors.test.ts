import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildWorld, type RouteKey, type World } from "../matrix/world.ts"

/**
 * Two refusals happen in Fastify's router, before any hook, handler or error handler of the plugin runs: a
 * path that does not percent-decode (FST_ERR_BAD_URL) and a parameter over `maxParamLength`, 100 characters
 * (FST_ERR_MAX_PARAM_LENGTH). The contract still wants an RFC 9457 problem with a code. The schema fuzzer
 * (schemaFuzz.test.ts) keeps its path parameters clear of both so that it can look for other faults.
 */
const BROKEN_PARAMETERS = {
  undecodable: "%ff%fe",
  "over maxParamLength": "a".repeat(101)
} as const

describe("what the router refuses before the plugin runs", () => {
  let w: World
  beforeAll(async () => {
    w = await buildWorld()
  })
  afterAll(() => w.close())

  it("answers a path parameter that does not decode, or is too long, with a 4xx problem document", async () => {
    const withParameters = w.routes.filter((route) => !route.startsWith("HEAD "))
    const refused: Array<string> = []
    let tried = 0
    for (const route of withParameters) {
      const [method, path] = route.split(" ") as [string, string]
      if (!path.includes(":")) continue
      for (const [kind, value] of Object.entries(BROKEN_PARAMETERS)) {
        tried++
        const url = path.replace(/:\w+/, value).replace(/:\w+/g, "x")
        const response = await w.app.inject({
          method: method as "GET",
          url,
          headers: { authorization: `Bearer ${w.tokens.admin}` }
        })
        const type = String(response.headers["content-type"])
        const code = type.startsWith("application/problem+json")
          ? (response.json() as { code?: unknown }).code
          : undefined
        if (response.statusCode < 400 || response.statusCode >= 500 || typeof code !== "string") {
          refused.push(
            `${route as RouteKey} (${kind}): ${response.statusCode} ${type} ${response.body.slice(0, 80)}`
          )
        }
      }
    }
    expect(tried).toBeGreaterThan(40)
    expect(refused).toEqual([])
  })
})
