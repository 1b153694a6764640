import { describe, expect, it } from "vitest"
import { compose, tempDataDir, testEnv } from "./support/server.ts"

/** The statuses of `count` login attempts from one address (bodies the route refuses: no account is touched). */
const attempts = async (rateLimit: string, count: number): Promise<ReadonlyArray<number>> => {
  const data = tempDataDir()
  const server = await compose(testEnv(data.dir, { GATEHOUSE_AUTH_RATE_LIMIT: rateLimit }))
  try {
    const statuses: Array<number> = []
    for (let i = 0; i < count; i++) {
      const response = await server.app.inject({ method: "POST", url: "/v1/auth/login", payload: {} })
      statuses.push(response.statusCode)
    }
    return statuses
  } finally {
    await server.app.close()
    data.remove()
  }
}

describe("GATEHOUSE_AUTH_RATE_LIMIT, as createServer applies it to the auth routes", () => {
  it("a number: that many requests a minute per address, then 429", async () => {
    const statuses = await attempts("3", 5)
    expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true)
    expect(statuses.slice(3)).toEqual([429, 429])
  })

  it("off: no per-IP limit (more than the default 30 a minute pass)", async () => {
    const statuses = await attempts("off", 40)
    expect(statuses).not.toContain(429)
    expect(statuses).toHaveLength(40)
  })
})
