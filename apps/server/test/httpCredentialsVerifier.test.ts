import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as Outbound from "@gatehouse/adapters-outbound"
import { ExternalCredentialsVerifier } from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as HttpCredentialsVerifier from "../src/adapters/httpCredentialsVerifier.ts"

/** What the fake outside system received. */
const received: Array<{
  readonly path: string
  readonly contentType: string | undefined
  readonly body: unknown
}> = []

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = ""
    request.setEncoding("utf8").on("data", (chunk: string) => {
      text += chunk
    })
    request.on("end", () => resolve(text))
  })

let server: Server
let base = ""

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request)
    received.push({
      path: request.url ?? "",
      contentType: request.headers["content-type"],
      body: JSON.parse(body || "null")
    })
    const status = Number(request.url?.slice(1))
    if (request.url === "/slow") return setTimeout(() => response.writeHead(200).end(), 2000)
    if (request.url === "/redirect") return response.writeHead(302, { location: `${base}/200` }).end()
    response.writeHead(Number.isInteger(status) ? status : 404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** The verifier through the outbound port, as `GATEHOUSE_OUTBOUND_ALLOW=<allow>` builds it. */
const verifierLayer = (
  options: HttpCredentialsVerifier.HttpCredentialsVerifierOptions = {},
  allow = "127.0.0.1"
) =>
  HttpCredentialsVerifier.layer(options).pipe(
    Layer.provide(Outbound.layer({ allow: Outbound.allowListOf(allow) }))
  )

const verifyUrl = (url: string, layer = verifierLayer()) =>
  Effect.runPromise(
    ExternalCredentialsVerifier.use((verifier) =>
      verifier.verify({ system: "pims", url, username: "ann", password: Redacted.make("pw-1") })
    ).pipe(
      Effect.catchTag("OutboundUrlRefused", (refused) => Effect.succeed(`refused:${refused.reason}`)),
      Effect.provide(layer)
    )
  )

const verify = (path: string, options: HttpCredentialsVerifier.HttpCredentialsVerifierOptions = {}) =>
  verifyUrl(`${base}${path}`, verifierLayer(options))

describe("HttpCredentialsVerifier", () => {
  it("POSTs the username and password as JSON to the configured URL", async () => {
    received.length = 0
    expect(await verify("/200")).toBe("valid")
    expect(received).toEqual([
      { path: "/200", contentType: "application/json", body: { username: "ann", password: "pw-1" } }
    ])
  })

  it("2xx is valid, 401 and 403 invalid, anything else unavailable", async () => {
    expect(await verify("/204")).toBe("valid")
    expect(await verify("/401")).toBe("invalid")
    expect(await verify("/403")).toBe("invalid")
    expect(await verify("/404")).toBe("unavailable")
    expect(await verify("/500")).toBe("unavailable")
  })

  it("never follows a redirect (the credentials would travel to another URL): OUTBOUND_URL_REFUSED", async () => {
    received.length = 0
    expect(await verify("/redirect")).toBe("refused:redirect")
    expect(received.map((r) => r.path)).toEqual(["/redirect"])
  })

  it("a verify URL the outbound rule refuses gets nothing: loopback without allowance, metadata, http", async () => {
    received.length = 0
    const strict = verifierLayer({}, "")
    expect(await verifyUrl(`${base}/200`, strict)).toBe("refused:scheme")
    expect(await verifyUrl(`${base.replace("http:", "https:")}/200`, strict)).toBe("refused:address")
    expect(await verifyUrl("https://169.254.169.254/latest/meta-data/", strict)).toBe("refused:address")
    expect(await verifyUrl("https://[::ffff:127.0.0.1]/", strict)).toBe("refused:address")
    expect(received).toEqual([])
  })

  it("a timeout or an unreachable host is unavailable, never a failure", async () => {
    expect(await verify("/slow", { timeoutMillis: 200 })).toBe("unavailable")
    const unreachable = await Effect.runPromise(
      ExternalCredentialsVerifier.use((verifier) =>
        verifier.verify({
          system: "pims",
          url: "http://127.0.0.1:9/",
          username: "a",
          password: Redacted.make("b")
        })
      ).pipe(Effect.provide(verifierLayer()))
    )
    expect(unreachable).toBe("unavailable")
  })
})
