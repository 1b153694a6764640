import { makePgDriver } from "@gatehouse/adapters-postgres"
import { DEMO_ADMIN } from "@gatehouse/server"
import { Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { compose, login, tempDataDir, testEnv } from "./support/server.ts"

/** The admin connection of the test server (CI sets it). */
const DATABASE_URL = process.env.DATABASE_URL

if (DATABASE_URL === undefined) {
  console.warn(
    "DATABASE_URL is not set: the server-on-PostgreSQL suite of apps/server is skipped (PGlite suites run)."
  )
}

const onAdmin = async (sql: string): Promise<void> => {
  const driver = makePgDriver({ connectionString: DATABASE_URL!, appRole: null, maxConnections: 1 })
  try {
    const connection = await driver.connect({ owner: true })
    try {
      await connection.query(sql)
    } finally {
      connection.release()
    }
  } finally {
    await driver.close()
  }
}

describe.skipIf(DATABASE_URL === undefined)("the server on a PostgreSQL server (DATABASE_URL)", () => {
  const name = `gatehouse_server_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  const data = tempDataDir()
  let url = ""

  beforeAll(async () => {
    await onAdmin(`CREATE DATABASE ${name}`)
    const parsed = new URL(DATABASE_URL!)
    parsed.pathname = `/${name}`
    url = parsed.toString()
  })
  afterAll(async () => {
    data.remove()
    await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  })

  it("migrates an empty database, creates the demo tenant once, and serves it", async () => {
    const env = testEnv(data.dir, { DATABASE_URL: url })
    const server = await compose(env)
    let password = ""
    try {
      const first = server.firstStart
      if (first._tag !== "Demo") throw new Error(`expected the demo tenant, got ${first._tag}`)
      password = Redacted.value(first.password)
      expect((await server.app.inject({ url: "/readyz" })).statusCode).toBe(200)
      expect((await login(server.app, "demo", DEMO_ADMIN.email, password)).status).toBe(200)
    } finally {
      await server.app.close()
    }
    // No PGlite lock is taken for a server database, and a second node's start is a no-op.
    const [a, b] = await Promise.all([compose(env), compose(env)])
    try {
      expect([a.firstStart._tag, b.firstStart._tag]).toEqual(["Nothing", "Nothing"])
      expect((await login(b.app, "demo", DEMO_ADMIN.email, password)).status).toBe(200)
    } finally {
      await Promise.all([a.app.close(), b.app.close()])
    }
  })

  it("issue 12 item 2: 25 wrong passwords sent at once over HTTP get exactly 5 hash checks (401), the other 20 are refused unchecked (429)", async () => {
    const server = await compose(testEnv(data.dir, { DATABASE_URL: url, GATEHOUSE_AUTH_RATE_LIMIT: "off" }))
    try {
      await server.app.listen({ port: 0, host: "127.0.0.1" })
      const address = server.app.server.address()
      if (address === null || typeof address === "string") throw new Error("not listening on a port")
      const attempt = () =>
        fetch(`http://127.0.0.1:${address.port}/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ tenant: "demo", email: DEMO_ADMIN.email, password: "Not-the-password-1" })
        }).then((response) => response.status)
      const statuses = await Promise.all(Array.from({ length: 25 }, attempt))
      // 401 is answered only after the hash was checked; 429 before anything is checked
      expect(statuses.filter((s) => s === 401)).toHaveLength(5)
      expect(statuses.filter((s) => s === 429)).toHaveLength(20)
    } finally {
      await server.app.close()
    }
  })
})
