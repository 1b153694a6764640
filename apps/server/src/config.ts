import { AesGcmSecretBox } from "@gatehouse/adapters-crypto"
import { type AllowList, emptyAllowList, parseAllowList } from "@gatehouse/adapters-outbound"
import { DELIVERY_TIMEOUT_MILLIS, defaultRetryPolicy, Email, TenantSlug } from "@gatehouse/domain"
import { Effect, Redacted, Result, Schema } from "effect"
import { type BootstrapConfig, bootstrapFromEnv } from "./configBootstrap.ts"
import { ConfigError, Problems } from "./configProblems.ts"

export type { BootstrapConfig } from "./configBootstrap.ts"
export { ConfigError, type ConfigProblem } from "./configProblems.ts"

/** pino's levels (`GATEHOUSE_LOG_LEVEL`). */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent"

/** The server's configuration, read from the environment (README, "Running it"). */
export interface Config {
  readonly host: string
  /** 0 lets the system pick a free port (tests). */
  readonly port: number
  /** A PostgreSQL server; absent: PGlite in `dataDir`. Redacted: it may carry a password. */
  readonly databaseUrl: Redacted.Redacted<string> | undefined
  readonly dataDir: string
  /** Origin (and optional base path) of links in emails; never taken from a request. No trailing slash. */
  readonly publicUrl: string
  /** The SecretBox key ring; absent: a key generated into (or read from) `dataDir`. */
  readonly secretKey: AesGcmSecretBox.KeyRing | undefined
  /** The bearer token of `POST /v1/tenants`; absent: one generated into (or read from) `dataDir`. */
  readonly platformToken: Redacted.Redacted<string> | undefined
  /** Absent: invitation emails go to the log, links included (local use). */
  readonly smtp: { readonly url: Redacted.Redacted<string>; readonly from: string } | undefined
  readonly bootstrap: BootstrapConfig | undefined
  readonly logLevel: LogLevel
  /**
   * Fastify's `trustProxy` (`GATEHOUSE_TRUST_PROXY`): behind a load balancer the per-IP rate limit must key on
   * the client's address from X-Forwarded-For, not on the proxy's. Default false.
   */
  readonly trustProxy: boolean | number | string
  /**
   * The per-IP limit of the login and setup routes (`GATEHOUSE_AUTH_RATE_LIMIT`): requests per minute per client
   * address, or false (`off`: a gateway in front limits, or a load test). Default 30 a minute.
   */
  readonly authRateLimit: AuthRateLimit
  /**
   * The built console served at `/` (`GATEHOUSE_CONSOLE_DIR`); absent: apps/console/dist of this repository,
   * found from the server's own location.
   */
  readonly consoleDir: string | undefined
  /**
   * Hosts and CIDRs the outbound rule is lifted for (`GATEHOUSE_OUTBOUND_ALLOW`, DESIGN.md "Outbound calls"):
   * calls to tenant-configured URLs there may be plain http and reach private addresses. Default none.
   */
  readonly outboundAllow: AllowList
  /** The webhook dispatcher (`GATEHOUSE_WEBHOOK_*`): concurrency, timeout, poll interval, first retry delay. */
  readonly webhooks: WebhookDispatchConfig
  /**
   * How often this process records passed membership expiries (`membership.expired` audit and change events),
   * in ms (`GATEHOUSE_MEMBERSHIP_SWEEP_MS`, default 60000). A membership stops granting at its `expiresAt`
   * whether or not the sweep has run; several processes may sweep one store (each expiry is recorded once).
   */
  readonly membershipSweepMillis: number
}

/** How this process dispatches webhook deliveries. */
export interface WebhookDispatchConfig {
  /** At most this many deliveries in flight (`GATEHOUSE_WEBHOOK_CONCURRENCY`, default 16). */
  readonly concurrency: number
  /** Each attempt's timeout in ms (`GATEHOUSE_WEBHOOK_TIMEOUT_MS`, default 10000). */
  readonly timeoutMillis: number
  /** How often to look for due deliveries without a wake-up, in ms (`GATEHOUSE_WEBHOOK_POLL_MS`, default 30000). */
  readonly pollMillis: number
  /** The delay before the first retry in ms, doubled each time (`GATEHOUSE_WEBHOOK_RETRY_BASE_MS`, default 5000). */
  readonly retryBaseMillis: number
}

/** How often a process sweeps passed membership expiries without `GATEHOUSE_MEMBERSHIP_SWEEP_MS`: a minute. */
export const DEFAULT_MEMBERSHIP_SWEEP_MILLIS = 60_000

/** Requests a minute per client address on the auth and setup routes, or false: no per-IP limit. */
export type AuthRateLimit = { readonly max: number; readonly timeWindow: "1 minute" } | false

/** The per-IP limit without `GATEHOUSE_AUTH_RATE_LIMIT` (the HTTP adapter's default). */
export const DEFAULT_AUTH_RATE_LIMIT: AuthRateLimit = { max: 30, timeWindow: "1 minute" }

/** The process environment, or a test's stand-in for it. */
export type Env = Readonly<Record<string, string | undefined>>

/** Every variable the server reads; any other `GATEHOUSE_*` is reported as unknown (a typo, most likely). */
export const KNOWN_VARIABLES: ReadonlyArray<string> = [
  "GATEHOUSE_DATA_DIR",
  "GATEHOUSE_PUBLIC_URL",
  "GATEHOUSE_SECRET_KEY",
  "GATEHOUSE_PLATFORM_TOKEN",
  "GATEHOUSE_LOG_LEVEL",
  "GATEHOUSE_TRUST_PROXY",
  "GATEHOUSE_AUTH_RATE_LIMIT",
  "GATEHOUSE_CONSOLE_DIR",
  "GATEHOUSE_OUTBOUND_ALLOW",
  "GATEHOUSE_WEBHOOK_CONCURRENCY",
  "GATEHOUSE_WEBHOOK_TIMEOUT_MS",
  "GATEHOUSE_WEBHOOK_POLL_MS",
  "GATEHOUSE_WEBHOOK_RETRY_BASE_MS",
  "GATEHOUSE_MEMBERSHIP_SWEEP_MS",
  "GATEHOUSE_BOOTSTRAP_TENANT",
  "GATEHOUSE_BOOTSTRAP_TENANT_NAME",
  "GATEHOUSE_BOOTSTRAP_PRESET",
  "GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL",
  "GATEHOUSE_BOOTSTRAP_ADMIN_FIRST_NAME",
  "GATEHOUSE_BOOTSTRAP_ADMIN_LAST_NAME",
  "GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD"
]

const LOG_LEVELS: ReadonlyArray<LogLevel> = ["fatal", "error", "warn", "info", "debug", "trace", "silent"]
const HOST = /^[A-Za-z0-9.:[\]-]{1,253}$/u
// A bearer token is sent as `Authorization: Bearer <token>`: visible ASCII only.
const TOKEN = /^[\x21-\x7e]{32,512}$/u

// Empty variables count as unset: `FOO= npm start` is how shells unset a variable for one command.
const read = (env: Env, name: string): string | undefined => {
  const value = env[name]
  return value === undefined || value.trim() === "" ? undefined : value
}

const port = (problems: Problems, text: string | undefined): number => {
  if (text === undefined) return 3000
  const value = Number(text)
  if (!/^[0-9]{1,5}$/u.test(text) || value > 65535) {
    problems.add("PORT", "expected a port number 0-65535 (0: any free port)")
  }
  return value
}

const url = (
  problems: Problems,
  variable: string,
  text: string,
  protocols: ReadonlyArray<string>,
  expected: string
): URL | undefined => {
  if (!URL.canParse(text)) return problems.add(variable, `expected ${expected}`)
  const parsed = new URL(text)
  return protocols.includes(parsed.protocol) ? parsed : problems.add(variable, `expected ${expected}`)
}

const publicUrl = (problems: Problems, text: string | undefined, portNumber: number): string => {
  if (text === undefined) return `http://127.0.0.1:${portNumber}`
  const expected = "an http:// or https:// URL without query or fragment, e.g. https://id.example.com"
  const parsed = url(problems, "GATEHOUSE_PUBLIC_URL", text, ["http:", "https:"], expected)
  if (parsed === undefined) return text
  if (parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    problems.add("GATEHOUSE_PUBLIC_URL", `expected ${expected}`)
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/u, "")}`
}

const secretKey = (problems: Problems, text: string | undefined): AesGcmSecretBox.KeyRing | undefined => {
  if (text === undefined) return undefined
  const result = Effect.runSync(Effect.result(AesGcmSecretBox.parseKeyRing(Redacted.make(text))))
  if (Result.isSuccess(result)) return result.success
  // The parser names key ids and lengths, never key material; but an INVALID id is whatever preceded a ":",
  // possibly a pasted secret, so it is not repeated.
  const reason = result.failure.message.replace(/^Invalid key id "[^"]*"/u, "Invalid key id")
  return problems.add(
    "GATEHOUSE_SECRET_KEY",
    `expected 32 random bytes in base64, or kid1:base64,kid2:base64 (${reason})`
  )
}

const smtp = (problems: Problems, env: Env, publicHost: string): Config["smtp"] => {
  const text = read(env, "SMTP_URL")
  const fromText = read(env, "SMTP_FROM")
  if (text === undefined) {
    if (fromText !== undefined) problems.add("SMTP_FROM", "is set but SMTP_URL is not")
    return undefined
  }
  const parsed = url(
    problems,
    "SMTP_URL",
    text,
    ["smtp:", "smtps:"],
    "an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail:587"
  )
  let from = `Gatehouse <no-reply@${publicHost}>`
  if (fromText !== undefined) {
    const address = /<([^<>]+)>\s*$/u.exec(fromText)?.[1] ?? fromText
    const ok = problems.decode("SMTP_FROM", Email, address, "expected an address, or Name <address>")
    if (ok !== undefined) from = fromText.trim()
  }
  if (parsed !== undefined && parsed.hostname === "")
    return problems.add("SMTP_URL", "expected a host, e.g. smtp://user:pass@mail:587")
  return parsed === undefined ? undefined : { url: Redacted.make(text), from }
}

// An IPv4 or IPv6 address, optionally with a CIDR suffix, or one of proxy-addr's names.
const PROXY = /^(?:[0-9.]+|[0-9A-Fa-f:.]+)(?:\/[0-9]{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/u

const trustProxy = (problems: Problems, text: string | undefined): Config["trustProxy"] => {
  if (text === undefined || text === "false") return false
  if (text === "true") return true
  if (/^[0-9]{1,2}$/u.test(text)) return Number(text)
  const entries = text.split(",").map((entry) => entry.trim())
  if (entries.every((entry) => PROXY.test(entry))) return entries.join(",")
  problems.add(
    "GATEHOUSE_TRUST_PROXY",
    "expected true, false, a number of proxy hops, or proxy addresses/CIDRs separated by commas, e.g. 10.0.0.0/8"
  )
  return false
}

const authRateLimit = (problems: Problems, text: string | undefined): AuthRateLimit => {
  if (text === undefined) return DEFAULT_AUTH_RATE_LIMIT
  if (text.trim().toLowerCase() === "off") return false
  const max = Number(text.trim())
  if (/^[0-9]{1,7}$/u.test(text.trim()) && max >= 1) return { max, timeWindow: "1 minute" }
  problems.add(
    "GATEHOUSE_AUTH_RATE_LIMIT",
    "expected a number of requests per minute per client address (1 or more, default 30), or off"
  )
  return DEFAULT_AUTH_RATE_LIMIT
}

const outboundAllow = (problems: Problems, text: string | undefined): AllowList => {
  if (text === undefined) return emptyAllowList
  const parsed = parseAllowList(text)
  if (parsed._tag === "ok") return parsed.list
  // Positions, not values: a configuration line is never echoed.
  const which = parsed.positions.length === 1 ? "entry" : "entries"
  problems.add(
    "GATEHOUSE_OUTBOUND_ALLOW",
    `expected host names, addresses or CIDRs separated by commas, e.g. 127.0.0.1,10.0.0.0/8 (${which} ${parsed.positions.join(", ")} not one)`
  )
  return emptyAllowList
}

const whole = (
  problems: Problems,
  variable: string,
  text: string | undefined,
  fallback: number,
  [min, max]: readonly [number, number]
): number => {
  if (text === undefined) return fallback
  const value = Number(text.trim())
  if (/^[0-9]{1,9}$/u.test(text.trim()) && value >= min && value <= max) return value
  problems.add(variable, `expected a whole number from ${min} to ${max} (default ${fallback})`)
  return fallback
}

const webhooks = (problems: Problems, env: Env): WebhookDispatchConfig => ({
  concurrency: whole(
    problems,
    "GATEHOUSE_WEBHOOK_CONCURRENCY",
    read(env, "GATEHOUSE_WEBHOOK_CONCURRENCY"),
    16,
    [1, 1000]
  ),
  timeoutMillis: whole(
    problems,
    "GATEHOUSE_WEBHOOK_TIMEOUT_MS",
    read(env, "GATEHOUSE_WEBHOOK_TIMEOUT_MS"),
    DELIVERY_TIMEOUT_MILLIS,
    [100, 60_000]
  ),
  pollMillis: whole(
    problems,
    "GATEHOUSE_WEBHOOK_POLL_MS",
    read(env, "GATEHOUSE_WEBHOOK_POLL_MS"),
    30_000,
    [50, 3_600_000]
  ),
  retryBaseMillis: whole(
    problems,
    "GATEHOUSE_WEBHOOK_RETRY_BASE_MS",
    read(env, "GATEHOUSE_WEBHOOK_RETRY_BASE_MS"),
    defaultRetryPolicy.baseMillis,
    [10, 3_600_000]
  )
})

/**
 * Reads and validates the configuration. Throws `ConfigError` listing every bad variable (one line each,
 * naming it, never echoing its value). Pure: files in the data folder are handled at start (`secrets.ts`).
 */
export const loadConfig = (env: Env): Config => {
  const problems = new Problems()
  const portNumber = port(problems, read(env, "PORT"))

  const host = read(env, "HOST") ?? "127.0.0.1"
  if (!HOST.test(host)) problems.add("HOST", "expected a host name or an IP address, e.g. 0.0.0.0")

  const databaseText = read(env, "DATABASE_URL")
  if (databaseText !== undefined) {
    url(
      problems,
      "DATABASE_URL",
      databaseText,
      ["postgres:", "postgresql:"],
      "a postgres:// URL, e.g. postgres://user:pass@db:5432/gatehouse"
    )
  }

  const dataDir = env.GATEHOUSE_DATA_DIR ?? "./.gatehouse"
  if (dataDir.trim() === "" || dataDir.includes("\0")) {
    problems.add("GATEHOUSE_DATA_DIR", "expected a folder path, e.g. ./.gatehouse")
  }

  const resolvedPublicUrl = publicUrl(problems, read(env, "GATEHOUSE_PUBLIC_URL"), portNumber)
  const publicHost = URL.canParse(resolvedPublicUrl) ? new URL(resolvedPublicUrl).hostname : "localhost"

  const tokenText = read(env, "GATEHOUSE_PLATFORM_TOKEN")
  if (tokenText !== undefined && !TOKEN.test(tokenText)) {
    problems.add(
      "GATEHOUSE_PLATFORM_TOKEN",
      "expected 32 to 512 visible ASCII characters (no spaces), e.g. 32 random bytes in base64url"
    )
  }

  const logLevel = (read(env, "GATEHOUSE_LOG_LEVEL") ?? "info") as LogLevel
  if (!LOG_LEVELS.includes(logLevel))
    problems.add("GATEHOUSE_LOG_LEVEL", `expected one of ${LOG_LEVELS.join(", ")}`)

  const consoleDir = read(env, "GATEHOUSE_CONSOLE_DIR")
  if (consoleDir?.includes("\0")) {
    problems.add("GATEHOUSE_CONSOLE_DIR", "expected a folder path, e.g. ./apps/console/dist")
  }

  const config: Config = {
    host,
    port: portNumber,
    databaseUrl: databaseText === undefined ? undefined : Redacted.make(databaseText),
    dataDir,
    publicUrl: resolvedPublicUrl,
    secretKey: secretKey(problems, read(env, "GATEHOUSE_SECRET_KEY")),
    platformToken: tokenText === undefined ? undefined : Redacted.make(tokenText),
    smtp: smtp(problems, env, publicHost),
    bootstrap: bootstrapFromEnv(problems, (name) => read(env, name)),
    logLevel,
    trustProxy: trustProxy(problems, read(env, "GATEHOUSE_TRUST_PROXY")),
    authRateLimit: authRateLimit(problems, read(env, "GATEHOUSE_AUTH_RATE_LIMIT")),
    consoleDir,
    outboundAllow: outboundAllow(problems, read(env, "GATEHOUSE_OUTBOUND_ALLOW")),
    webhooks: webhooks(problems, env),
    membershipSweepMillis: whole(
      problems,
      "GATEHOUSE_MEMBERSHIP_SWEEP_MS",
      read(env, "GATEHOUSE_MEMBERSHIP_SWEEP_MS"),
      DEFAULT_MEMBERSHIP_SWEEP_MILLIS,
      [50, 86_400_000]
    )
  }
  if (problems.list.length > 0) throw new ConfigError(problems.list)
  return config
}

/** `GATEHOUSE_*` variables the server does not know: most likely typos, reported as warnings at start. */
export const unknownVariables = (env: Env): ReadonlyArray<string> =>
  Object.keys(env)
    .filter((name) => name.startsWith("GATEHOUSE_") && !KNOWN_VARIABLES.includes(name))
    .sort()

/** The slug of the demo tenant created on the first start of an empty store. */
export const DEMO_SLUG = Schema.decodeSync(TenantSlug)("demo")
