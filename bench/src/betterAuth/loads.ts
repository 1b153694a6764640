import type { BenchServer } from "../gatehouse.ts"
import type { LoadResult } from "../loadSpec.ts"
import { runChild, runLoad } from "../runLoad.ts"
import { PASSWORD } from "../seed.ts"
import type { Settings } from "../settings.ts"
import type { BetterAuthReady } from "./spec.ts"
import type { UniqueBodySpec } from "./uniqueLoad.ts"

const JSON_HEADERS = { "content-type": "application/json" }

/** As scenarios.ts checks a load: none answered is an error, failed responses are said (and counted). */
export const checked = (what: string, result: LoadResult): LoadResult => {
  if (result.requests === 0) throw new Error(`${what}: no request answered`)
  if (result.failures > 0) process.stderr.write(`  ${what}: ${result.failures} failed responses (counted)\n`)
  return result
}

/** A POST whose every body is `template` with `{n}` made unique (uniqueLoad.ts, its own process). */
const uniqueBodyLoad = (settings: Settings, spec: Omit<UniqueBodySpec, "connections" | "duration">) => {
  const full: UniqueBodySpec = { ...spec, connections: settings.connections, duration: settings.duration }
  return runChild<LoadResult>("./betterAuth/uniqueLoad.ts", full, settings.duration + 60)
}

/** Gatehouse's sign-up: `POST /v1/users` with a password, as the tenant admin, a new email each request. */
export const createUserLoad = (settings: Settings, server: BenchServer, adminToken: string) =>
  uniqueBodyLoad(settings, {
    url: `${server.url}/v1/users`,
    method: "POST",
    headers: { ...JSON_HEADERS, authorization: `Bearer ${adminToken}` },
    template: JSON.stringify({
      email: "signup-{n}@side.example.com",
      firstName: "Sign",
      lastName: "Up",
      role: "Regular",
      password: PASSWORD
    })
  }).then((result) => checked("Gatehouse create user", result))

// Better Auth refuses a POST without an Origin (403 MISSING_OR_NULL_ORIGIN), as a browser always sends one.
const baHeaders = (server: BetterAuthReady) => ({ ...JSON_HEADERS, origin: server.url })

/** Better Auth's `POST /api/auth/sign-up/email` (which also signs in, its default), a new email each request. */
export const signUpLoad = (settings: Settings, server: BetterAuthReady) =>
  uniqueBodyLoad(settings, {
    url: `${server.url}/api/auth/sign-up/email`,
    method: "POST",
    headers: baHeaders(server),
    template: JSON.stringify({
      name: "Sign Up",
      email: "signup-{n}@better-auth.example.com",
      password: PASSWORD
    })
  }).then((result) => checked("Better Auth sign-up", result))

/** Better Auth's `POST /api/auth/sign-in/email`, rotating over `emails`. */
export const signInLoad = (settings: Settings, server: BetterAuthReady, emails: ReadonlyArray<string>) =>
  runLoad({
    url: `${server.url}/api/auth/sign-in/email`,
    method: "POST",
    headers: baHeaders(server),
    bodies: emails.map((email) => JSON.stringify({ email, password: PASSWORD })),
    connections: settings.connections,
    duration: settings.duration
  }).then((result) => checked("Better Auth sign-in", result))

/** A GET of Better Auth with a session cookie. */
export const cookieGetLoad = (settings: Settings, url: string, cookie: string, what: string) =>
  runLoad({
    url,
    method: "GET",
    headers: { cookie },
    connections: settings.connections,
    duration: settings.duration
  }).then((result) => checked(what, result))
