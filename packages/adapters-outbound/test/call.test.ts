import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { make } from "@gatehouse/adapters-outbound"
import { Effect } from "effect"
import { type LocalServer, startLocalServer, tableResolver, withAllow } from "./support.ts"

let redirecting: LocalServer
let target: LocalServer
let silent: LocalServer
let large: LocalServer
beforeAll(async () => {
  target = await startLocalServer()
  redirecting = await startLocalServer((request, response) => {
    const to = request.url === "/to-private" ? "http://10.0.0.1/" : `http://127.0.0.1:${target.port}/`
    response.writeHead(302, { location: to })
    response.end()
  })
  silent = await startLocalServer(() => {})
  large = await startLocalServer((_, response) => {
    response.writeHead(200)
    response.end("x".repeat(5000))
  })
})
afterAll(() => Promise.all([redirecting, target, silent, large].map((server) => server.close())))

const outbound = (options = {}) => make({ ...withAllow("127.0.0.1", tableResolver({})), ...options })

describe("outbound calls to an allowed address", () => {
  it.live("a redirect is returned as such and never followed, to a private address or to any other", () =>
    Effect.gen(function* () {
      for (const path of ["/to-private", "/to-allowed"]) {
        const response = yield* outbound().call({
          url: `http://127.0.0.1:${redirecting.port}${path}`,
          method: "POST",
          body: "{}",
          timeout: "2 seconds"
        })
        assert.strictEqual(response.status, 302)
        assert.match(response.headers.location ?? "", /^http:\/\//u)
      }
      assert.strictEqual(target.connections(), 0)
    })
  )

  it.live("a call is bounded by its timeout", () =>
    Effect.gen(function* () {
      const started = Date.now()
      const error = yield* Effect.flip(
        outbound().call({ url: `http://127.0.0.1:${silent.port}/`, method: "GET", timeout: "200 millis" })
      )
      assert.deepStrictEqual<unknown>(
        { ...error },
        { _tag: "OutboundCallFailed", reason: "timeout", host: "127.0.0.1" }
      )
      assert.isBelow(Date.now() - started, 2000)
    })
  )

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
