import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import type { OutboundCalls } from "@gatehouse/domain"
import { Effect } from "effect"

/** What an implementation under test is built with. */
export interface OutboundCallsSetup {
  /** Hosts, addresses and CIDRs the rule is lifted for (as `GATEHOUSE_OUTBOUND_ALLOW` lists them). */
  readonly allow: ReadonlyArray<string>
  /** How names resolve, every address of each; a name not listed does not resolve. */
  readonly hosts: Readonly<Record<string, ReadonlyArray<string>>>
}

/** Builds the implementation under test for one setup. */
export type MakeOutboundCalls = (setup: OutboundCallsSetup) => OutboundCalls["Service"]

/** A public unicast address (example.com's: documentation ranges are not public unicast). */
const PUBLIC = "93.184.215.14"

const HOSTS: OutboundCallsSetup["hosts"] = {
  "internal.example": ["10.0.0.5"],
  "loopback.example": ["127.0.0.1"],
  "mixed.example": [PUBLIC, "192.168.0.9"],
  "metadata.example": ["169.254.169.254"],
  "public.example": [PUBLIC],
  "v6local.example": ["fd00::1"],
  "allowed.internal": ["10.1.2.3"]
}

/** URLs the rule refuses without an allow list, with the reason (DESIGN.md "Outbound calls"). */
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ["loopback v4", "https://127.0.0.1/", "address"],
  ["another address of 127/8", "https://127.3.4.5/", "address"],
  ["loopback v6", "https://[::1]/", "address"],
  ["10/8", "https://10.20.30.40/hook", "address"],
  ["172.16/12", "https://172.31.255.254/", "address"],
  ["192.168/16", "https://192.168.1.1/", "address"],
  ["cloud metadata 169.254.169.254", "https://169.254.169.254/latest/meta-data/", "address"],
  ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/", "address"],
  ["unique local fc00::/7", "https://[fd12:3456::1]/", "address"],
  ["link-local fe80::/10", "https://[fe80::1]/", "address"],
  ["unspecified 0.0.0.0", "https://0.0.0.0/", "address"],
  ["multicast", "https://224.0.0.1/", "address"],
  ["carrier-grade NAT 100.64/10", "https://100.64.0.1/", "address"],
  ["a name resolving to a private address", "https://internal.example/", "address"],
  ["a name resolving to loopback", "https://loopback.example/", "address"],
  ["a name resolving to the metadata address", "https://metadata.example/", "address"],
  ["a name resolving to a unique-local v6 address", "https://v6local.example/", "address"],
  ["a name with one public and one private address", "https://mixed.example/", "address"],
  ["http to a public name", "http://public.example/", "scheme"],
  ["another scheme", "ftp://public.example/", "scheme"],
  ["credentials in the URL", "https://user:secret@public.example/", "invalid_url"],
  ["not an absolute URL", "public.example/path", "invalid_url"],
  ["a name that does not resolve", "https://nowhere.example/", "unresolved"]
]

/**
 * The save-time guarantees of `OutboundCalls` (`check`): the address rule's refusals with their reasons, the
 * refusal naming the host and never the path or query, the allow list lifting the rule (http included) for its
 * hosts and addresses only. Every implementation runs it, stand-ins included.
 */
export const outboundRuleContract = (name: string, make: MakeOutboundCalls): void => {
  describe(`OutboundCalls contract, the rule when saved (${name})`, () => {
    const strict = make({ allow: [], hosts: HOSTS })

    it.effect("every URL of the table is refused with OUTBOUND_URL_REFUSED's reason", () =>
      Effect.gen(function* () {
        for (const [what, url, reason] of REFUSED) {
          const error = yield* Effect.flip(strict.check(url))
          assert.strictEqual(error._tag, "OutboundUrlRefused", what)
          assert.strictEqual(error.reason, reason, what)
        }
      })
    )

    it.effect("https to public addresses only passes, by name or as an address", () =>
      Effect.gen(function* () {
        yield* strict.check("https://public.example/admin/api/graphql.json?key=x")
        yield* strict.check(`https://${PUBLIC}/`)
        yield* strict.check("https://[2606:4700::1111]/")
      })
    )

    it.effect("a refusal names the host and the refused address, never the path or the query", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(strict.check("https://internal.example/hook?token=secret"))
        assert.deepStrictEqual<unknown>(
          { ...error },
          { _tag: "OutboundUrlRefused", reason: "address", host: "internal.example", address: "10.0.0.5" }
        )
      })
    )

    it.effect(
      "the allow list lifts the rule for its hosts and ranges, http included, and for nothing else",
      () =>
        Effect.gen(function* () {
          const lifted = make({ allow: ["127.0.0.1", "allowed.internal", "10.9.0.0/16"], hosts: HOSTS })
          yield* lifted.check("http://127.0.0.1:8080/hook")
          yield* lifted.check("https://allowed.internal/hook")
          yield* lifted.check("http://10.9.8.7/")
          yield* lifted.check("https://loopback.example/")
          for (const url of ["https://10.20.30.40/", "https://internal.example/", "http://public.example/"]) {
            const error = yield* Effect.flip(lifted.check(url))
            assert.strictEqual(error._tag, "OutboundUrlRefused", url)
          }
        })
    )
  })
}

/** A local HTTP server of the call tests: answers by path, counts what reached it. */
interface Endpoint {
  readonly port: number
  readonly reached: () => ReadonlyArray<string>
  readonly close: () => Promise<void>
}

const startEndpoint = async (): Promise<Endpoint> => {
  const reached: Array<string> = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? "/"
    reached.push(path)
    request.resume()
    if (path.startsWith("/redirect")) {
      response.writeHead(302, { location: path === "/redirect-private" ? "http://10.0.0.1/" : "/target" })
      response.end()
    } else if (path === "/silent") {
      // never answers: the caller's timeout ends the call
    } else {
      response.writeHead(200, { "content-type": "application/json", "x-answer": "yes" })
      response.end('{"ok":true}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: (server.address() as AddressInfo).port,
    reached: () => [...reached],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * The call-time guarantees of `OutboundCalls` (`call`), against a local server the allow list admits: the rule
 * again (a refused URL reaches nothing), an allowed call's answer, redirects returned and never followed, the
 * timeout. For implementations that make calls.
 */
export const outboundCallsContract = (name: string, make: MakeOutboundCalls): void => {
  outboundRuleContract(name, make)

  describe(`OutboundCalls contract, calls (${name})`, () => {
    let endpoint: Endpoint
    beforeAll(async () => {
      endpoint = await startEndpoint()
    })
    afterAll(() => endpoint.close())

    const outbound = () => make({ allow: ["127.0.0.1"], hosts: { ...HOSTS, "fake.internal": ["127.0.0.1"] } })
    const strict = () => make({ allow: [], hosts: HOSTS })

    it.live("a refused URL is refused by call too, with its reason, and nothing reaches any server", () =>
      Effect.gen(function* () {
        const before = endpoint.reached().length
        const urls: ReadonlyArray<readonly [string, string, string]> = [
          ...REFUSED,
          ["the local server itself, not allowed", `https://127.0.0.1:${endpoint.port}/`, "address"],
          ["the local server over http, not allowed", `http://127.0.0.1:${endpoint.port}/`, "scheme"]
        ]
        for (const [what, url, reason] of urls) {
          const error = yield* Effect.flip(
            strict().call({ url, method: "POST", body: "{}", timeout: "2 seconds" })
          )
          assert.strictEqual(error._tag, "OutboundUrlRefused", what)
          if (error._tag === "OutboundUrlRefused") assert.strictEqual(error.reason, reason, what)
        }
        assert.strictEqual(endpoint.reached().length, before)
      })
    )

    it.live("an allowed call gets the answer: status, lower-cased headers, body", () =>
      Effect.gen(function* () {
        const response = yield* outbound().call({
          url: `http://fake.internal:${endpoint.port}/hook?q=1`,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"a":1}',
          timeout: "2 seconds"
        })
        assert.strictEqual(response.status, 200)
        assert.strictEqual(response.headers["x-answer"], "yes")
        assert.strictEqual(response.body, '{"ok":true}')
        assert.strictEqual(endpoint.reached().at(-1), "/hook?q=1")
      })
    )

    it.live("a redirect comes back as the response and is never followed, to an allowed place or not", () =>
      Effect.gen(function* () {
        for (const path of ["/redirect", "/redirect-private"]) {
          const before = endpoint.reached().length
          const response = yield* outbound().call({
            url: `http://127.0.0.1:${endpoint.port}${path}`,
            method: "POST",
            body: "{}",
            timeout: "2 seconds"
          })
          assert.strictEqual(response.status, 302, path)
          assert.isDefined(response.headers.location, path)
          assert.deepStrictEqual(endpoint.reached().slice(before), [path])
        }
      })
    )

    it.live("a call that gets no answer ends at its timeout with OutboundCallFailed", () =>
      Effect.gen(function* () {
        const started = Date.now()
        const error = yield* Effect.flip(
          outbound().call({
            url: `http://127.0.0.1:${endpoint.port}/silent`,
            method: "GET",
            timeout: "300 millis"
          })
        )
        assert.deepStrictEqual<unknown>(
          { ...error },
          { _tag: "OutboundCallFailed", reason: "timeout", host: "127.0.0.1" }
        )
        assert.isBelow(Date.now() - started, 2500)
      })
    )
  })
}
