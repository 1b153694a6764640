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
