import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { make } from "@gatehouse/adapters-outbound"
import { Effect } from "effect"
import { type LocalServer, startLocalServer, tableResolver, withAllow } from "./support.ts"

// Redirects and timeouts: the testkit's contract (contract.test.ts). Here what is this adapter's own.
let large: LocalServer
beforeAll(async () => {
  large = await startLocalServer((_, response) => {
    response.writeHead(200)
    response.end("x".repeat(5000))
  })
})
afterAll(() => large.close())

const outbound = (options = {}) => make({ ...withAllow("127.0.0.1", tableResolver({})), ...options })

describe("outbound calls to an allowed address", () => {
  it.live("a response body over the limit fails the call", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        outbound({ maxResponseBytes: 1000 }).call({
          url: `http://127.0.0.1:${large.port}/`,
          method: "GET",
          timeout: "2 seconds"
        })
      )
      assert.deepStrictEqual<unknown>(
        { ...error },
        { _tag: "OutboundCallFailed", reason: "too_large", host: "127.0.0.1" }
      )
      const whole = yield* outbound().call({
        url: `http://127.0.0.1:${large.port}/`,
        method: "GET",
        timeout: "2 seconds"
      })
      assert.strictEqual(whole.body.length, 5000)
    })
  )

  it.live("a closed port is a failed connection, not a refusal", () =>
    Effect.gen(function* () {
      const closed = yield* Effect.promise(() => startLocalServer())
      yield* Effect.promise(() => closed.close())
      const error = yield* Effect.flip(
        outbound().call({ url: `http://127.0.0.1:${closed.port}/`, method: "GET", timeout: "2 seconds" })
      )
      assert.deepStrictEqual<unknown>(
        { ...error },
        { _tag: "OutboundCallFailed", reason: "connection", host: "127.0.0.1" }
      )
    })
  )
})
