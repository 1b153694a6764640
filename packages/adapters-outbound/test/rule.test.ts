import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { make, parseAllowList } from "@gatehouse/adapters-outbound"
import { Effect } from "effect"
import { type LocalServer, PUBLIC, startLocalServer, tableResolver, withAllow } from "./support.ts"

let server: LocalServer
beforeAll(async () => {
  server = await startLocalServer()
})
afterAll(() => server.close())

const resolver = tableResolver({
  "internal.example": ["10.0.0.5"],
  "loopback.example": ["127.0.0.1"],
  "mixed.example": [PUBLIC, "192.168.0.9"],
  "metadata.example": ["169.254.169.254"],
  "public.example": [PUBLIC],
  "v6local.example": ["fd00::1"]
})

/** Every URL of the table (and a few more ranges), with the reason it is refused. */
const refusedUrls = (port: number): ReadonlyArray<readonly [string, string, string]> => [
  ["loopback v4", `https://127.0.0.1:${port}/`, "address"],
  ["loopback v4, another address of 127/8", `https://127.3.4.5:${port}/`, "address"],
  ["loopback v6", `https://[::1]:${port}/`, "address"],
  ["10/8", "https://10.20.30.40/hook", "address"],
  ["172.16/12, low end", "https://172.16.0.1/", "address"],
  ["172.16/12, high end", "https://172.31.255.254/", "address"],
  ["192.168/16", "https://192.168.1.1/", "address"],
  ["cloud metadata 169.254.169.254", "https://169.254.169.254/latest/meta-data/", "address"],
  ["IPv4-mapped loopback [::ffff:127.0.0.1]", `https://[::ffff:127.0.0.1]:${port}/`, "address"],
  ["IPv4-mapped private [::ffff:10.0.0.1]", "https://[::ffff:10.0.0.1]/", "address"],
  ["unique local fc00::/7", "https://[fd12:3456::1]/", "address"],
  ["link-local fe80::/10", "https://[fe80::1]/", "address"],
  ["unspecified 0.0.0.0", `https://0.0.0.0:${port}/`, "address"],
  ["multicast", "https://224.0.0.1/", "address"],
  ["carrier-grade NAT 100.64/10", "https://100.64.0.1/", "address"],
  ["loopback written as a number", `https://2130706433:${port}/`, "address"],
  ["a name resolving to a private address", "https://internal.example/", "address"],
  ["a name resolving to loopback", `https://loopback.example:${port}/`, "address"],
  ["a name resolving to the metadata address", "https://metadata.example/", "address"],
  ["a name resolving to a unique-local v6 address", "https://v6local.example/", "address"],
  ["a name with one public and one private address", "https://mixed.example/", "address"],
  ["http without allowance, public name", "http://public.example/", "scheme"],
  ["http without allowance, loopback", `http://127.0.0.1:${port}/`, "scheme"],
  ["another scheme", "ftp://public.example/", "scheme"],
  ["credentials in the URL", "https://user:secret@public.example/", "invalid_url"],
  ["not a URL", "public.example/path", "invalid_url"],
  ["a name that does not resolve", "https://nowhere.example/", "unresolved"]
]

describe("the outbound rule without an allow list", () => {
  const outbound = make({ resolve: resolver })

  it.effect("every URL of the table is refused when checked (save time), with its reason", () =>
    Effect.gen(function* () {
      for (const [what, url, reason] of refusedUrls(server.port)) {
        const error = yield* Effect.flip(outbound.check(url))
        assert.strictEqual(error._tag, "OutboundUrlRefused", what)
        assert.strictEqual(error.reason, reason, what)
      }
    })
  )

  it.live("every URL of the table is refused when called, and nothing reaches the local server", () =>
    Effect.gen(function* () {
      for (const [what, url, reason] of refusedUrls(server.port)) {
        const error = yield* Effect.flip(
          outbound.call({ url, method: "POST", body: "{}", timeout: "2 seconds" })
        )
        assert.strictEqual(error._tag, "OutboundUrlRefused", what)
        if (error._tag === "OutboundUrlRefused") assert.strictEqual(error.reason, reason, what)
      }
      assert.strictEqual(server.connections(), 0)
    })
  )

  it.effect("an https URL whose name resolves only to public addresses passes the check", () =>
    Effect.gen(function* () {
      yield* outbound.check("https://public.example/admin/api/2026-07/graphql.json?key=x")
      yield* outbound.check(`https://${PUBLIC}/`)
      yield* outbound.check("https://[2606:4700::1111]/")
    })
  )

  it.effect("the refusal names the host and the address, never the path or the query", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(outbound.check("https://internal.example/hook?token=secret"))
      assert.deepStrictEqual<unknown>(
        { ...error },
        { _tag: "OutboundUrlRefused", reason: "address", host: "internal.example", address: "10.0.0.5" }
      )
    })
  )
})

describe("the outbound rule at call time", () => {
  it.live("a name that answered a public address at save time and loopback now is refused at connect", () =>
    Effect.gen(function* () {
      let answers = 0
      const rebinding = tableResolver({
        "rebind.example": () => {
          answers += 1
          return answers === 1 ? [PUBLIC] : ["127.0.0.1"]
        }
      })
      const outbound = make({ resolve: rebinding })
      const before = server.connections()
      const url = `https://rebind.example:${server.port}/`
      yield* outbound.check(url)
      const error = yield* Effect.flip(outbound.call({ url, method: "GET", timeout: "2 seconds" }))
      assert.strictEqual(error._tag, "OutboundUrlRefused")
      if (error._tag === "OutboundUrlRefused") assert.strictEqual(error.address, "127.0.0.1")
      assert.strictEqual(server.connections(), before)
    })
  )

  it.live("the address checked for the connection is the one connected to (no second resolution)", () =>
    Effect.gen(function* () {
      // The call's own check sees loopback (allowed), the connection's lookup is the only other question.
      const named = tableResolver({ "fake.internal": ["127.0.0.1"] })
      const outbound = make(withAllow("127.0.0.1", named))
      const response = yield* outbound.call({
        url: `http://fake.internal:${server.port}/path?q=1`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"a":1}',
        timeout: "2 seconds"
      })
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.body, '{"ok":true}')
      assert.strictEqual(named.asked.get("fake.internal"), 2)
      const last = server.requests().at(-1)
      assert.deepStrictEqual(last, {
        url: "/path?q=1",
        host: `fake.internal:${server.port}`,
        body: '{"a":1}'
      })
    })
  )
})

describe("GATEHOUSE_OUTBOUND_ALLOW's list", () => {
  it("parses hosts, addresses and CIDRs, v4 and v6, and names the malformed entries", () => {
    const ok = parseAllowList(" 127.0.0.1, 10.0.0.0/8 ,[::1],fd00::/8,Fake-Shopify.internal,")
    assert.strictEqual(ok._tag, "ok")
    if (ok._tag === "ok") {
      assert.deepStrictEqual(ok.list.hosts, ["fake-shopify.internal"])
      assert.deepStrictEqual(
        ok.list.ranges.map(([address, bits]) => `${address.toString()}/${bits}`),
        ["127.0.0.1/32", "10.0.0.0/8", "::1/128", "fd00::/8"]
      )
    }
    const bad = parseAllowList("127.0.0.1,10.0.0.0/33,http://x,under_score.example,1.2.3")
    assert.deepStrictEqual(bad, {
      _tag: "bad",
      entries: ["10.0.0.0/33", "http://x", "under_score.example"],
      positions: [2, 3, 4]
    })
  })

  it.live("lifts the rule for an allowed address, http included; others stay refused", () =>
    Effect.gen(function* () {
      const outbound = make(withAllow("127.0.0.1", resolver))
      yield* outbound.check(`http://127.0.0.1:${server.port}/`)
      const response = yield* outbound.call({
        url: `http://127.0.0.1:${server.port}/x`,
        method: "GET",
        timeout: "2 seconds"
      })
      assert.strictEqual(response.status, 200)
      for (const url of [
        "https://10.0.0.1/",
        `https://127.0.0.2:${server.port}/`,
        "http://public.example/"
      ]) {
        assert.strictEqual(
          (yield* Effect.flip(outbound.check(url))).reason,
          url.startsWith("http:") ? "scheme" : "address"
        )
      }
    })
  )

  it.live("a CIDR covers every address in it; a listed name lifts the rule for that name only", () =>
    Effect.gen(function* () {
      const cidr = make(withAllow("127.0.0.0/8", resolver))
      yield* cidr.check(`http://127.9.9.9:${server.port}/`)
      yield* cidr.check(`http://loopback.example:${server.port}/`)
      assert.strictEqual((yield* Effect.flip(cidr.check("https://internal.example/"))).reason, "address")
      const named = make(withAllow("internal.example", resolver))
      yield* named.check("http://internal.example/")
      assert.strictEqual((yield* Effect.flip(named.check("https://metadata.example/"))).reason, "address")
    })
  )
})
