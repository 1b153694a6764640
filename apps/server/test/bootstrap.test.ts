import { DEMO_ADMIN, firstStart, StartFailed } from "@gatehouse/server"
import { Effect, Redacted } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { compose, login, NEW_PASSWORD, tempDataDir, testEnv } from "./support/server.ts"

const scripted = {
  GATEHOUSE_BOOTSTRAP_TENANT: "acme",
  GATEHOUSE_BOOTSTRAP_TENANT_NAME: "Acme Trading",
  GATEHOUSE_BOOTSTRAP_PRESET: "wetrack",
  GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "Owner@Acme.example",
  GATEHOUSE_BOOTSTRAP_ADMIN_FIRST_NAME: "Olive",
  GATEHOUSE_BOOTSTRAP_ADMIN_LAST_NAME: "Owner",
  GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: NEW_PASSWORD
}

describe("GATEHOUSE_BOOTSTRAP_* with an operator-chosen password", () => {
  const data = tempDataDir()
  afterAll(() => data.remove())

  it("creates the tenant with an ACTIVE admin (no forced change), and no demo tenant", async () => {
    const server = await compose(testEnv(data.dir, scripted))
    try {
      expect(server.firstStart).toMatchObject({
        _tag: "Bootstrapped",
        tenant: { slug: "acme", name: "Acme Trading", preset: "wetrack" },
        email: "owner@acme.example",
        password: undefined
      })
      const session = await login(server.app, "acme", "owner@acme.example", NEW_PASSWORD)
      expect(session.status).toBe(200)
      expect(session.body.session.scope).toBe("full")
      expect(session.body.user).toMatchObject({
        status: "active",
        mustChangePassword: false,
        firstName: "Olive"
      })
      // Scripted starts never get the demo tenant.
      expect((await login(server.app, "demo", DEMO_ADMIN.email, "anything")).status).toBe(401)
      const me = await server.app.inject({
        url: "/v1/me",
        headers: { authorization: `Bearer ${session.body.token}` }
      })
      expect(me.statusCode).toBe(200)
    } finally {
      await server.app.close()
    }
  })

  it("is idempotent: the next start writes nothing, whatever the password variable says now", async () => {
    const server = await compose(
      testEnv(data.dir, { ...scripted, GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "Zr4?Quartz-Heron-Mosaic" })
    )
    try {
      expect(server.firstStart).toEqual({ _tag: "Nothing", slug: "acme" })
      expect((await login(server.app, "acme", "owner@acme.example", NEW_PASSWORD)).status).toBe(200)
      expect((await login(server.app, "acme", "owner@acme.example", "Zr4?Quartz-Heron-Mosaic")).status).toBe(
        401
      )
      // Run again, twice at once, on the live store: still nothing.
      const again = await server.runtime.runPromise(
        Effect.all([firstStart(server.config.bootstrap), firstStart(server.config.bootstrap)], {
          concurrency: 2
        })
      )
      expect(again.map((outcome) => outcome._tag)).toEqual(["Nothing", "Nothing"])
    } finally {
      await server.app.close()
    }
  })

  it("without the bootstrap variables on a store with tenants: still no demo tenant", async () => {
    const server = await compose(testEnv(data.dir))
    try {
      expect(server.firstStart).toEqual({ _tag: "Nothing" })
      expect((await login(server.app, "demo", DEMO_ADMIN.email, "anything")).status).toBe(401)
    } finally {
      await server.app.close()
    }
  })
})

describe("GATEHOUSE_BOOTSTRAP_* without a password", () => {
  const data = tempDataDir()
  afterAll(() => data.remove())

  it("gives the admin a generated password, printed once and changed at first login", async () => {
    const { GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: _, ...withoutPassword } = scripted
    const server = await compose(testEnv(data.dir, withoutPassword))
    try {
      const first = server.firstStart
      expect(first._tag).toBe("Bootstrapped")
      if (first._tag !== "Bootstrapped" || first.password === undefined)
        throw new Error("expected a generated password")
      const session = await login(server.app, "acme", "owner@acme.example", Redacted.value(first.password))
      expect(session.status).toBe(200)
      expect(session.body.session.scope).toBe("password_change")
      // The demo's first-start path ran neither: one tenant.
      const demo = await server.runtime.runPromise(firstStart(undefined))
      expect(demo._tag).toBe("Nothing")
    } finally {
      await server.app.close()
    }
  })
})

describe("a bootstrap password the preset refuses", () => {
  const data = tempDataDir()
  afterAll(() => data.remove())

  it("stops the start with a line naming GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD and the broken rules, writing nothing", async () => {
    const failure = await compose(
      testEnv(data.dir, { ...scripted, GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "password" })
    ).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(failure).toBeInstanceOf(StartFailed)
    const message = (failure as Error).message
    expect(message).toMatch(/^GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: the password does not satisfy the policy: /)
    expect(message.split("\n")).toHaveLength(1)
    // The failed start released the folder, and wrote no tenant: a fixed start bootstraps it now.
    const server = await compose(testEnv(data.dir, scripted))
    try {
      expect(server.firstStart._tag).toBe("Bootstrapped")
    } finally {
      await server.app.close()
    }
  })
})
