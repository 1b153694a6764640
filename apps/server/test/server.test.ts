import { existsSync, writeFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { NodeSha256 } from "@gatehouse/adapters-crypto"
import { Sha256 } from "@gatehouse/domain"
import {
  DEMO_ADMIN,
  dataPaths,
  firstStartBanner,
  loadConfig,
  StartFailed,
  startServer
} from "@gatehouse/server"
import { Effect, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { compose, login, NEW_PASSWORD, tempDataDir, testEnv } from "./support/server.ts"

describe("the server on PGlite in an empty data folder", () => {
  const data = tempDataDir()
  afterAll(() => data.remove())

  let demoPassword = ""

  it("first start: migrates, creates the demo tenant and answers with its printed credentials", async () => {
    const server = await compose(testEnv(data.dir))
    try {
      const first = server.firstStart
      expect(first._tag).toBe("Demo")
      if (first._tag !== "Demo") return
      expect(first.tenant).toMatchObject({ slug: "demo", preset: "weevio" })
      expect(first.email).toBe(DEMO_ADMIN.email)
      demoPassword = Redacted.value(first.password)
      // weevio's generator: 8 characters with a lower-case letter, an upper-case letter and a digit
      expect(demoPassword).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9]).{8}$/)

      const banner = firstStartBanner(first, "http://127.0.0.1:3000") ?? ""
      expect(banner).toContain(`password: ${demoPassword}`)
      expect(banner).toContain("email:    admin@example.com")
      expect(banner).toContain("http://127.0.0.1:3000/docs")

      expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200)
      // token hashes come from node:crypto, not the domain's Web Crypto default
      expect(await server.runtime.runPromise(Effect.flatMap(Sha256, Effect.succeed))).toBe(
        NodeSha256.nodeSha256
      )
      expect((await server.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200)
      const docs = await server.app.inject({ method: "GET", url: "/docs" })
      expect([200, 302]).toContain(docs.statusCode)

      const session = await login(server.app, "demo", DEMO_ADMIN.email, demoPassword)
      expect(session.status).toBe(200)
      // A generated password is temporary: the first session can only change it.
      expect(session.body.session.scope).toBe("password_change")
      const changed = await server.app.inject({
        method: "POST",
        url: "/v1/me/password",
        headers: { authorization: `Bearer ${session.body.token}` },
        payload: { currentPassword: demoPassword, newPassword: NEW_PASSWORD }
      })
      expect(changed.statusCode).toBe(204)
    } finally {
      await server.app.close()
    }
    // Closing released the folder and closed PGlite.
    expect(existsSync(dataPaths(data.dir).lock)).toBe(false)
  })

  it("next start: the data is still there, no second demo tenant, nothing printed", async () => {
    const server = await compose(testEnv(data.dir))
    try {
      expect(server.firstStart).toEqual({ _tag: "Nothing" })
      expect(firstStartBanner(server.firstStart, "http://x")).toBeUndefined()
      expect((await login(server.app, "demo", DEMO_ADMIN.email, NEW_PASSWORD)).body.session.scope).toBe(
        "full"
      )
      expect((await login(server.app, "demo", DEMO_ADMIN.email, demoPassword)).status).toBe(401)
    } finally {
      await server.app.close()
    }
  })

  it("a second server on the same folder is refused while the first runs, naming GATEHOUSE_DATA_DIR", async () => {
    const server = await compose(testEnv(data.dir))
    try {
      await expect(compose(testEnv(data.dir))).rejects.toThrow(/^GATEHOUSE_DATA_DIR: .*in use by process/)
      // The refused start did not take the first one down.
      expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200)
    } finally {
      await server.app.close()
    }
  })
})

describe("graceful shutdown", () => {
  const data = tempDataDir()
  afterAll(() => data.remove())
  let running: Awaited<ReturnType<typeof startServer>>
  let password = ""

  beforeAll(async () => {
    const env = testEnv(data.dir)
    running = await startServer(loadConfig(env), env, () => undefined)
    const first = running.server.firstStart
    if (first._tag !== "Demo") throw new Error("expected the demo tenant")
    password = Redacted.value(first.password)
  })

  it("lets in-flight requests finish, then closes the runtime and the store", async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // Logins hash with argon2id (tens of ms each) and queue on PGlite's one connection: in flight for a while.
    const requests = Array.from({ length: 6 }, () =>
      fetch(`${running.url}/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenant: "demo", email: DEMO_ADMIN.email, password })
      })
    )
    // Stop once every request has its connection (and a moment for its bytes to arrive): before that, a
    // refused connection would be the client's race, not the server's shutdown.
    const connections = () =>
      new Promise<number>((resolve, reject) =>
        running.server.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))
      )
    while ((await connections()) < requests.length) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const stopped = running.stop()
    const statuses = await Promise.all(requests.map((request) => request.then((response) => response.status)))
    await stopped
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200])
    // Nothing listens any more, and the runtime (with its pool) is gone.
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow()
    await expect(running.server.runtime.runPromise(Effect.void)).rejects.toThrow()
    expect(existsSync(dataPaths(data.dir).lock)).toBe(false)
  })
})

describe("start failures", () => {
  it("an unusable data folder is one line naming GATEHOUSE_DATA_DIR", async () => {
    const data = tempDataDir()
    try {
      // A folder cannot live inside a file.
      const file = join(data.dir, "a-file")
      writeFileSync(file, "")
      await expect(compose(testEnv(join(file, "data")))).rejects.toThrow(
        /^GATEHOUSE_DATA_DIR: cannot create the folder/
      )
    } finally {
      data.remove()
    }
  })

  it("a port in use is one line naming PORT, and the folder is released", async () => {
    const data = tempDataDir()
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    try {
      const port = String((blocker.address() as AddressInfo).port)
      const env = testEnv(data.dir, { PORT: port })
      await expect(startServer(loadConfig(env), env, () => undefined)).rejects.toThrow(
        new RegExp(`^PORT: ${port} is already in use on 127\\.0\\.0\\.1$`)
      )
      expect(existsSync(dataPaths(data.dir).lock)).toBe(false)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
      data.remove()
    }
  })

  it("an unreachable PostgreSQL server names DATABASE_URL, without its password", async () => {
    const data = tempDataDir()
    try {
      const env = testEnv(data.dir, { DATABASE_URL: "postgres://gatehouse:s3cret-pw@127.0.0.1:9/gatehouse" })
      const failure = await compose(env).then(
        () => undefined,
        (error: unknown) => error
      )
      expect(failure).toBeInstanceOf(StartFailed)
      expect((failure as Error).message).toMatch(/^DATABASE_URL: cannot open the database/)
      expect((failure as Error).message).not.toContain("s3cret-pw")
    } finally {
      data.remove()
    }
  })
})
