import { NodeServices } from "@effect/platform-node"
import { type Env, runCli } from "@gatehouse/server"
import { Effect, Exit } from "effect"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { compose, login, NEW_PASSWORD, tempDataDir, testEnv } from "./support/server.ts"

/** Runs `gatehouse <args>` in-process; its exit and what it printed on stdout (stderr carries warnings). */
const gatehouse = async (env: Env, ...args: ReadonlyArray<string>) => {
  const printed: Array<string> = []
  const log = vi.spyOn(console, "log").mockImplementation((...values: Array<unknown>) => {
    printed.push(values.map(String).join(" "))
  })
  const errors = vi.spyOn(console, "error").mockImplementation((...values: Array<unknown>) => {
    printed.push(values.map(String).join(" "))
  })
  try {
    const exit = await Effect.runPromiseExit(runCli(env, args).pipe(Effect.provide(NodeServices.layer)))
    return { exit, output: printed.join("\n") }
  } finally {
    log.mockRestore()
    errors.mockRestore()
  }
}

const passwordIn = (output: string, email: string): string => {
  const match = new RegExp(`${email.replace(".", "\\.")}: temporary password (\\S+) `).exec(output)
  if (match === null) throw new Error(`no password for ${email} in:\n${output}`)
  return match[1]!
}

describe("the gatehouse CLI on PGlite", () => {
  const data = tempDataDir()
  let env: Env = {}
  beforeAll(() => {
    env = testEnv(data.dir)
  })
  afterAll(() => data.remove())
  let stderr: ReturnType<typeof vi.spyOn>
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true)
  })
  afterEach(() => stderr.mockRestore())

  it("migrate: applies the migrations once, then says the schema is current", async () => {
    const first = await gatehouse(env, "migrate")
    expect(Exit.isSuccess(first.exit)).toBe(true)
    expect(first.output).toMatch(/^Applied migration\(s\) 1(, \d+)*: the schema is at version \d+\.$/)
    const again = await gatehouse(env, "migrate")
    expect(again.output).toMatch(/^The schema is up to date \(version \d+\)\.$/)
  })

  it("tenant create and user create: credentials printed once, usable by the server afterwards", async () => {
    const tenant = await gatehouse(
      env,
      "tenant",
      "create",
      "--slug",
      "acme",
      "--name",
      "Acme",
      "--preset",
      "puqcloud",
      "--admin-email",
      "Ann@Acme.example",
      "--admin-first-name",
      "Ann",
      "--admin-last-name",
      "Lee"
    )
    expect(Exit.isSuccess(tenant.exit)).toBe(true)
    expect(tenant.output).toMatch(
      /^Tenant acme created \(id [0-9a-f-]{36}, preset puqcloud\); admin ann@acme\.example/
    )
    const adminPassword = passwordIn(tenant.output, "ann@acme.example")

    const user = await gatehouse(
      env,
      ...["user", "create", "--tenant", "acme", "--email", "sam@acme.example", "--first-name", "Sam"],
      ...["--last-name", "Stone", "--role", "Staff"]
    )
    expect(Exit.isSuccess(user.exit)).toBe(true)
    // The command acted as the tenant's first admin, and says so.
    expect(user.output).toContain("User sam@acme.example created in acme")
    expect(user.output).toContain("role Staff, status active) by ann@acme.example")
    const userPassword = passwordIn(user.output, "sam@acme.example")

    const server = await compose(env)
    try {
      expect(server.firstStart).toEqual({ _tag: "Nothing" })
      for (const [email, password] of [
        ["ann@acme.example", adminPassword],
        ["sam@acme.example", userPassword]
      ] as const) {
        const session = await login(server.app, "acme", email, password)
        expect(session.status).toBe(200)
        expect(session.body.session.scope).toBe("password_change")
      }
    } finally {
      await server.app.close()
    }
  })

  it("refusals are one message and a failed exit, nothing written", async () => {
    const taken = await gatehouse(
      env,
      ...["tenant", "create", "--slug", "acme", "--name", "Other", "--admin-email", "x@other.example"],
      ...["--admin-first-name", "X", "--admin-last-name", "Y"]
    )
    expect(Exit.isFailure(taken.exit)).toBe(true)
    expect(taken.output).toContain('a tenant with the slug "acme" exists already')

    const base = ["user", "create", "--email", "new@acme.example", "--first-name", "N", "--last-name", "W"]
    const noTenant = await gatehouse(env, ...base, "--tenant", "nope", "--role", "Staff")
    expect(noTenant.output).toContain("--tenant: no tenant nope")
    const noRole = await gatehouse(env, ...base, "--tenant", "acme", "--role", "Boss")
    expect(noRole.output).toContain('no tenant role named "Boss"')
    const noAdmin = await gatehouse(
      env,
      ...base,
      "--tenant",
      "acme",
      "--role",
      "Staff",
      "--as",
      "nobody@acme.example"
    )
    expect(noAdmin.output).toContain("--as: no user nobody@acme.example in tenant acme")
    for (const run of [noTenant, noRole, noAdmin]) expect(Exit.isFailure(run.exit)).toBe(true)

    const server = await compose(env)
    try {
      expect((await login(server.app, "acme", "new@acme.example", NEW_PASSWORD)).status).toBe(401)
    } finally {
      await server.app.close()
    }
  })

  it("--invite: a setup link printed once (and emailed: to the log without SMTP_URL), usable by the server", async () => {
    const invited = await gatehouse(
      env,
      ...["user", "create", "--tenant", "acme", "--email", "ivy@acme.example", "--first-name", "Ivy"],
      ...["--last-name", "Ives", "--role", "Staff", "--invite"]
    )
    expect(Exit.isSuccess(invited.exit)).toBe(true)
    expect(invited.output).toContain("status pending")
    const token =
      /ivy@acme\.example: setup link http:\/\/127\.0\.0\.1:0\/setup#token=(\S+) \(shown once, expires /.exec(
        invited.output
      )?.[1]
    expect(token).toBeDefined()
    // The invitation is in the store: the server started afterwards accepts the token.
    const server = await compose(env)
    try {
      const started = await server.app.inject({
        method: "POST",
        url: "/v1/setup/start",
        payload: { token: decodeURIComponent(token!) }
      })
      expect(started.statusCode).toBe(200)
      expect(JSON.parse(started.body)).toMatchObject({ email: "ivy@acme.example" })
    } finally {
      await server.app.close()
    }
  })

  it("a bad variable stops a command with its line", async () => {
    const bad = await gatehouse({ ...env, GATEHOUSE_SECRET_KEY: "short" }, "migrate")
    expect(Exit.isFailure(bad.exit)).toBe(true)
    expect(bad.output).toContain("GATEHOUSE_SECRET_KEY: expected 32 random bytes in base64")
  })
})
