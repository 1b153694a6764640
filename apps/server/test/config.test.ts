import { randomBytes } from "node:crypto"
import { ConfigError, type Env, loadConfig, unknownVariables } from "@gatehouse/server"
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"

const KEY = randomBytes(32).toString("base64")

/** The problems of `env`, as the lines printed at start. */
const problemLines = (env: Env): ReadonlyArray<string> => {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message.split("\n")
  }
  return []
}

/** Asserts `env` gives exactly one problem line, naming `variable`, and never echoing `value`. */
const expectOneLine = (env: Env, variable: string, value: string | undefined = env[variable]) => {
  const lines = problemLines(env)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^${variable}: `))
  if (value !== undefined && value.length > 3) expect(lines[0]).not.toContain(value)
  return lines[0]
}

describe("loadConfig defaults", () => {
  it("serves the embedded store on 127.0.0.1:3000 with generated secrets", () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: undefined,
      dataDir: "./.gatehouse",
      publicUrl: "http://127.0.0.1:3000",
      secretKey: undefined,
      platformToken: undefined,
      smtp: undefined,
      bootstrap: undefined,
      logLevel: "info",
      trustProxy: false,
      authRateLimit: { max: 30, timeWindow: "1 minute" }
    })
  })

  it("derives the public URL from PORT and treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "8080", HOST: "" }).publicUrl).toBe("http://127.0.0.1:8080")
    expect(loadConfig({ PORT: "8080", HOST: "" }).host).toBe("127.0.0.1")
  })

  it("reads every variable", () => {
    const token = "t".repeat(40)
    const config = loadConfig({
      PORT: "0",
      HOST: "0.0.0.0",
      DATABASE_URL: "postgres://gatehouse:pw@db:5432/gatehouse",
      GATEHOUSE_DATA_DIR: "/var/lib/gatehouse",
      GATEHOUSE_PUBLIC_URL: "https://id.example.com/gate/",
      GATEHOUSE_SECRET_KEY: `new:${KEY},old:${randomBytes(32).toString("base64")}`,
      GATEHOUSE_PLATFORM_TOKEN: token,
      SMTP_URL: "smtp://user:pw@mail:587",
      SMTP_FROM: "Acme Accounts <accounts@acme.example>",
      GATEHOUSE_LOG_LEVEL: "warn"
    })
    expect(config.port).toBe(0)
    expect(config.host).toBe("0.0.0.0")
    expect(Redacted.value(config.databaseUrl!)).toBe("postgres://gatehouse:pw@db:5432/gatehouse")
    expect(config.dataDir).toBe("/var/lib/gatehouse")
    expect(config.publicUrl).toBe("https://id.example.com/gate")
    expect(config.secretKey?.currentKeyId).toBe("new")
    expect([...(config.secretKey?.keys.keys() ?? [])]).toEqual(["new", "old"])
    expect(Redacted.value(config.platformToken!)).toBe(token)
    expect(Redacted.value(config.smtp!.url)).toBe("smtp://user:pw@mail:587")
    expect(config.smtp!.from).toBe("Acme Accounts <accounts@acme.example>")
    expect(config.logLevel).toBe("warn")
  })

  it("keeps secrets Redacted: printing the configuration shows none of them", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u:db-secret-pw@db/g",
      GATEHOUSE_PLATFORM_TOKEN: "platform-secret-0123456789abcdefghijkl",
      SMTP_URL: "smtp://u:smtp-secret-pw@mail"
    })
    const printed = `${JSON.stringify(config)} ${String(config.databaseUrl)} ${String(config.platformToken)}`
    for (const secret of ["db-secret-pw", "platform-secret", "smtp-secret-pw"])
      expect(printed).not.toContain(secret)
  })
})

describe("one clear line per bad variable", () => {
  it("PORT", () => {
    for (const value of ["http", "70000", "-1", "30.5", "3000x"]) {
      expect(expectOneLine({ PORT: value }, "PORT")).toContain("0-65535")
    }
  })

  it("HOST", () => {
    expectOneLine({ HOST: "not a host" }, "HOST")
    expectOneLine({ HOST: "evil;rm" }, "HOST")
  })

  it("DATABASE_URL, without echoing its password", () => {
    expectOneLine({ DATABASE_URL: "mysql://root:hunter22@db/x" }, "DATABASE_URL")
    expectOneLine({ DATABASE_URL: "not a url at all" }, "DATABASE_URL")
  })

  it("GATEHOUSE_DATA_DIR", () => {
    expectOneLine({ GATEHOUSE_DATA_DIR: "   " }, "GATEHOUSE_DATA_DIR")
  })

  it("GATEHOUSE_PUBLIC_URL", () => {
    for (const value of [
      "ftp://files.acme.test",
      "gate.acme.test",
      "https://gate.acme.test/?next=1",
      "https://u:p@gate.acme.test"
    ]) {
      expectOneLine({ GATEHOUSE_PUBLIC_URL: value }, "GATEHOUSE_PUBLIC_URL")
    }
  })

  it("GATEHOUSE_SECRET_KEY, naming the key but never its material", () => {
    const short = randomBytes(16).toString("base64")
    expect(expectOneLine({ GATEHOUSE_SECRET_KEY: short }, "GATEHOUSE_SECRET_KEY")).toContain("got 16")
    expectOneLine({ GATEHOUSE_SECRET_KEY: "not base64 !!" }, "GATEHOUSE_SECRET_KEY")
    expectOneLine({ GATEHOUSE_SECRET_KEY: `${KEY},${KEY}` }, "GATEHOUSE_SECRET_KEY")
    expect(expectOneLine({ GATEHOUSE_SECRET_KEY: `a:${KEY},a:${KEY}` }, "GATEHOUSE_SECRET_KEY")).toContain(
      '"a"'
    )
  })

  it("GATEHOUSE_PLATFORM_TOKEN", () => {
    expectOneLine({ GATEHOUSE_PLATFORM_TOKEN: "too-short" }, "GATEHOUSE_PLATFORM_TOKEN")
    expectOneLine(
      { GATEHOUSE_PLATFORM_TOKEN: `${"x".repeat(20)} ${"y".repeat(20)}` },
      "GATEHOUSE_PLATFORM_TOKEN"
    )
  })

  it("SMTP_URL and SMTP_FROM", () => {
    expectOneLine({ SMTP_URL: "http://mail.example.com" }, "SMTP_URL")
    expectOneLine({ SMTP_URL: "smtp://mail", SMTP_FROM: "not an address" }, "SMTP_FROM")
    expectOneLine({ SMTP_FROM: "a@b.example" }, "SMTP_FROM")
  })

  it("GATEHOUSE_TRUST_PROXY", () => {
    expect(loadConfig({ GATEHOUSE_TRUST_PROXY: "true" }).trustProxy).toBe(true)
    expect(loadConfig({ GATEHOUSE_TRUST_PROXY: "2" }).trustProxy).toBe(2)
    expect(loadConfig({ GATEHOUSE_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toBe(
      "10.0.0.0/8,127.0.0.1"
    )
    expectOneLine({ GATEHOUSE_TRUST_PROXY: "yes please" }, "GATEHOUSE_TRUST_PROXY")
    expectOneLine({ GATEHOUSE_TRUST_PROXY: "proxy.internal" }, "GATEHOUSE_TRUST_PROXY")
  })

  it("GATEHOUSE_AUTH_RATE_LIMIT: requests a minute per address, or off", () => {
    expect(loadConfig({ GATEHOUSE_AUTH_RATE_LIMIT: "120" }).authRateLimit).toEqual({
      max: 120,
      timeWindow: "1 minute"
    })
    expect(loadConfig({ GATEHOUSE_AUTH_RATE_LIMIT: "off" }).authRateLimit).toBe(false)
    expect(loadConfig({ GATEHOUSE_AUTH_RATE_LIMIT: " OFF " }).authRateLimit).toBe(false)
    for (const bad of ["0", "-5", "1.5", "30/min", "false", "12345678"]) {
      expectOneLine({ GATEHOUSE_AUTH_RATE_LIMIT: bad }, "GATEHOUSE_AUTH_RATE_LIMIT")
    }
  })

  it("GATEHOUSE_WEBHOOK_*: the dispatcher's defaults, whole numbers in range, one line per bad one", () => {
    expect(loadConfig({}).webhooks).toEqual({
      concurrency: 16,
      timeoutMillis: 10_000,
      pollMillis: 30_000,
      retryBaseMillis: 5_000
    })
    expect(
      loadConfig({
        GATEHOUSE_WEBHOOK_CONCURRENCY: "4",
        GATEHOUSE_WEBHOOK_TIMEOUT_MS: "2500",
        GATEHOUSE_WEBHOOK_POLL_MS: "250",
        GATEHOUSE_WEBHOOK_RETRY_BASE_MS: " 100 "
      }).webhooks
    ).toEqual({ concurrency: 4, timeoutMillis: 2500, pollMillis: 250, retryBaseMillis: 100 })
    for (const [variable, bad] of [
      ["GATEHOUSE_WEBHOOK_CONCURRENCY", "0"],
      ["GATEHOUSE_WEBHOOK_CONCURRENCY", "many"],
      ["GATEHOUSE_WEBHOOK_TIMEOUT_MS", "10s"],
      ["GATEHOUSE_WEBHOOK_TIMEOUT_MS", "600000"],
      ["GATEHOUSE_WEBHOOK_POLL_MS", "-1"],
      ["GATEHOUSE_WEBHOOK_RETRY_BASE_MS", "1.5"]
    ] as const) {
      expectOneLine({ [variable]: bad }, variable)
    }
  })

  it("GATEHOUSE_MEMBERSHIP_SWEEP_MS: a minute by default, a whole number of ms in range, one line when bad", () => {
    expect(loadConfig({}).membershipSweepMillis).toBe(60_000)
    expect(loadConfig({ GATEHOUSE_MEMBERSHIP_SWEEP_MS: " 250 " }).membershipSweepMillis).toBe(250)
    for (const bad of ["0", "49", "1m", "1.5", "-60000", "86400001"]) {
      expectOneLine({ GATEHOUSE_MEMBERSHIP_SWEEP_MS: bad }, "GATEHOUSE_MEMBERSHIP_SWEEP_MS")
    }
  })

  it("GATEHOUSE_OUTBOUND_ALLOW: hosts, addresses and CIDRs; one line naming the bad entries' positions", () => {
    expect(loadConfig({}).outboundAllow).toEqual({ hosts: [], ranges: [] })
    const allow = loadConfig({
      GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1, 10.0.0.0/8,fake-shop.internal"
    }).outboundAllow
    expect(allow.hosts).toEqual(["fake-shop.internal"])
    expect(allow.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      "127.0.0.1/32",
      "10.0.0.0/8"
    ])
    for (const bad of ["http://127.0.0.1", "10.0.0.0/99", "127.0.0.1,not a host", "*.internal"]) {
      expectOneLine({ GATEHOUSE_OUTBOUND_ALLOW: bad }, "GATEHOUSE_OUTBOUND_ALLOW")
    }
    expect(
      expectOneLine(
        { GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1,bad host,10.0.0.0/99" },
        "GATEHOUSE_OUTBOUND_ALLOW"
      )
    ).toContain("entries 2, 3")
  })

  it("GATEHOUSE_LOG_LEVEL", () => {
    expectOneLine({ GATEHOUSE_LOG_LEVEL: "loud" }, "GATEHOUSE_LOG_LEVEL")
  })

  it("GATEHOUSE_BOOTSTRAP_TENANT", () => {
    const admin = { GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "admin@acme.example" }
    expectOneLine({ ...admin, GATEHOUSE_BOOTSTRAP_TENANT: "Not A Slug" }, "GATEHOUSE_BOOTSTRAP_TENANT")
    expect(expectOneLine(admin, "GATEHOUSE_BOOTSTRAP_TENANT")).toContain("required")
  })

  it("GATEHOUSE_BOOTSTRAP_PRESET", () => {
    const line = expectOneLine(
      {
        GATEHOUSE_BOOTSTRAP_TENANT: "acme",
        GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "a@acme.example",
        GATEHOUSE_BOOTSTRAP_PRESET: "nope"
      },
      "GATEHOUSE_BOOTSTRAP_PRESET"
    )
    expect(line).toContain("weevio, wetrack, weavestream, puqcloud")
  })

  it("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", () => {
    expectOneLine(
      { GATEHOUSE_BOOTSTRAP_TENANT: "acme", GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "nobody" },
      "GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL"
    )
    const line = expectOneLine(
      { GATEHOUSE_BOOTSTRAP_TENANT: "acme", GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "Tq8!Nebula-Crane-Vortex" },
      "GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL"
    )
    expect(line).toContain("required")
  })

  it("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD alone asks for the tenant and the email, and is never echoed", () => {
    const lines = problemLines({ GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "Tq8!Nebula-Crane-Vortex" })
    expect(lines.map((line) => line.split(":")[0])).toEqual([
      "GATEHOUSE_BOOTSTRAP_TENANT",
      "GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL"
    ])
    expect(lines.join("\n")).not.toContain("Nebula")
  })

  it("lists every bad variable at once, one line each", () => {
    const lines = problemLines({ PORT: "x", HOST: "a b", GATEHOUSE_LOG_LEVEL: "loud", SMTP_URL: "ftp://x" })
    expect(lines.map((line) => line.split(":")[0])).toEqual([
      "PORT",
      "HOST",
      "GATEHOUSE_LOG_LEVEL",
      "SMTP_URL"
    ])
  })
})

describe("the scripted bootstrap", () => {
  it("normalises the email, defaults the preset and the names, keeps the password Redacted", () => {
    const { bootstrap } = loadConfig({
      GATEHOUSE_BOOTSTRAP_TENANT: "acme",
      GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "  Admin@ACME.example ",
      GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "Tq8!Nebula-Crane-Vortex"
    })
    expect(bootstrap).toMatchObject({
      slug: "acme",
      name: "acme",
      preset: "weevio",
      adminEmail: "admin@acme.example",
      adminFirstName: "Admin",
      adminLastName: "Admin"
    })
    expect(Redacted.isRedacted(bootstrap?.adminPassword)).toBe(true)
    expect(Redacted.value(bootstrap!.adminPassword!)).toBe("Tq8!Nebula-Crane-Vortex")
  })

  it("a password is optional: without it the admin gets a generated one", () => {
    const { bootstrap } = loadConfig({
      GATEHOUSE_BOOTSTRAP_TENANT: "acme",
      GATEHOUSE_BOOTSTRAP_PRESET: "weavestream",
      GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "a@acme.example"
    })
    expect(bootstrap?.preset).toBe("weavestream")
    expect(bootstrap?.adminPassword).toBeUndefined()
  })
})

describe("unknownVariables", () => {
  it("reports GATEHOUSE_* names the server does not read (typos), and nothing else", () => {
    expect(
      unknownVariables({
        GATEHOUSE_SECRET_KEYS: "x",
        GATEHOUSE_DATA_DIR: "d",
        PATH: "/bin",
        GATEHOUSE_BOOTSTRAP_TENNANT: "a"
      })
    ).toEqual(["GATEHOUSE_BOOTSTRAP_TENNANT", "GATEHOUSE_SECRET_KEYS"])
  })
})
