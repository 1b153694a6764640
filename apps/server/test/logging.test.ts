import { PassThrough } from "node:stream"
import { loadConfig, logFormat, makeFastify } from "@gatehouse/server"
import { describe, expect, it } from "vitest"

/** A stream that keeps what is written to it. */
const sink = () => {
  const stream = new PassThrough()
  const chunks: Array<string> = []
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")))
  return { stream, text: () => chunks.join("") }
}

const SECRET = "Bearer s3cret-session-token-0123456789"

const logTwoLines = async (format: "pretty" | "json") => {
  const out = sink()
  const app = makeFastify(loadConfig({ GATEHOUSE_LOG_LEVEL: "info" }), format, out.stream)
  app.get("/hello", async () => ({ ok: true }))
  await app.inject({ method: "GET", url: "/hello", headers: { authorization: SECRET } })
  app.log.info({ headers: { authorization: SECRET } }, "Gatehouse listening on http://127.0.0.1:3000")
  await app.close()
  await new Promise((resolve) => setImmediate(resolve))
  return out.text()
}

describe("log format", () => {
  it("is readable lines on a terminal and JSON lines otherwise", () => {
    expect(logFormat({ isTTY: true })).toBe("pretty")
    expect(logFormat({ isTTY: false })).toBe("json")
    // a pipe or a file: Node leaves isTTY undefined
    expect(logFormat({})).toBe("json")
  })

  it("pretty: one readable line per entry, with time, level and message, no JSON, credentials censored", async () => {
    const text = await logTwoLines("pretty")
    const lines = text.trim().split("\n")
    expect(lines.length).toBeGreaterThanOrEqual(3)
    for (const line of lines) expect(() => JSON.parse(line)).toThrow()
    const listening = lines.find((line) => line.includes("Gatehouse listening on"))
    expect(listening).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Gatehouse listening on http:\/\/127\.0\.0\.1:3000/)
    expect(lines).toContainEqual(expect.stringMatching(/INFO: incoming request GET \/hello$/))
    expect(lines).toContainEqual(expect.stringMatching(/INFO: request completed 200 in \d+ ms$/))
    expect(text).not.toContain("s3cret")
    expect(text).toContain("[redacted]")
  })

  it("json: one JSON object per line, as a log collector reads them, credentials censored", async () => {
    const text = await logTwoLines("json")
    const entries = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { level: number; msg: string })
    expect(entries.map((entry) => entry.msg)).toContain("Gatehouse listening on http://127.0.0.1:3000")
    expect(entries.every((entry) => entry.level === 30)).toBe(true)
    expect(text).not.toContain("s3cret")
  })
})

describe("what a request's log lines hold", () => {
  const logRequest = async (url: string, headers: Record<string, string> = {}) => {
    const out = sink()
    const app = makeFastify(loadConfig({ GATEHOUSE_LOG_LEVEL: "info" }), "json", out.stream)
    app.get("/v1/users", async (request) => ({ id: request.id }))
    const response = await app.inject({ method: "GET", url, headers })
    await app.close()
    await new Promise((resolve) => setImmediate(resolve))
    const entries = out
      .text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { reqId?: string; req?: { url?: string } })
    return { response, entries, text: out.text() }
  }

  it("logs the path and the parameter names, never a query's values (a token sent by mistake, search terms)", async () => {
    const { entries, text } = await logRequest(
      "/v1/users?q=alice%40example.com&token=s3cret-in-url&cursor=abc123"
    )
    const incoming = entries.find((entry) => entry.req !== undefined)
    expect(incoming?.req?.url).toBe("/v1/users?q&token&cursor")
    expect(text).not.toContain("s3cret-in-url")
    expect(text).not.toContain("alice")
    expect(text).not.toContain("abc123")
  })

  it("takes a plain, bounded X-Request-Id and echoes it", async () => {
    const id = "trace-4bf92f3577b34da6:a3ce929d0e0e4736"
    const { response, entries } = await logRequest("/v1/users", { "x-request-id": id })
    expect(response.json()).toEqual({ id })
    expect(entries.every((entry) => entry.reqId === id)).toBe(true)
  })

  it("replaces a long or markup-bearing X-Request-Id with a new one, in the answer and the logs", async () => {
    for (const presented of ["x".repeat(8000), "<script>alert(1)</script>", "id with spaces", ""]) {
      const { response, entries, text } = await logRequest("/v1/users", { "x-request-id": presented })
      const { id } = response.json() as { id: string }
      expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(entries.every((entry) => entry.reqId === id)).toBe(true)
      if (presented !== "") expect(text).not.toContain(presented)
    }
  })
})
