import { decodeBase32, generateTotp, type MailMessage } from "@gatehouse/domain"
import { Effect } from "effect"
import type { LightMyRequestResponse } from "fastify"
import { type CallOptions, call, json, type Method, PLATFORM_TOKEN } from "../../support/harness.ts"
import type { ScenarioHarness } from "./scenarioHarness.ts"

export { json, problem, setupTokenOf } from "../../support/harness.ts"

/** The length of a TOTP time step (RFC 6238 default, the domain's). */
export const TOTP_STEP_MS = 30_000

/** A request to the scenario's app (bearer token, JSON body, query). */
export const request = (
  h: ScenarioHarness,
  method: Method,
  url: string,
  options: CallOptions = {}
): Promise<LightMyRequestResponse> => call(h.app, method, url, options)

/** The authenticator's code for `secret` (base32) at the domain's current time (the movable clock). */
export const totpCode = (h: ScenarioHarness, secret: string): Promise<string> =>
  Effect.runPromise(decodeBase32(secret).pipe(Effect.flatMap((key) => generateTotp(key, h.clock.now()))))

/**
 * Moves the clock to the next TOTP step and answers its code: every code is accepted once, so a scenario that
 * logs in twice with the same authenticator waits a step, in moved time rather than real time.
 */
export const nextTotpCode = (h: ScenarioHarness, secret: string): Promise<string> => {
  h.clock.advance(TOTP_STEP_MS)
  return totpCode(h, secret)
}

/** Every email sent to `to`, oldest first. */
export const mailsTo = async (h: ScenarioHarness, to: string): Promise<ReadonlyArray<MailMessage>> =>
  (await h.outbox()).filter((mail) => mail.to === to)

/** The setup link in an email's plain text. */
export const linkIn = (text: string): string => {
  const link = /https?:\/\/\S+#token=[^\s"<]+/u.exec(text)?.[0]
  if (link === undefined) throw new Error(`no setup link in: ${text}`)
  return link
}

/** The setup link of the last email sent to `to`. */
export const lastSetupLinkTo = async (h: ScenarioHarness, to: string): Promise<string> => {
  const mails = await mailsTo(h, to)
  const last = mails.at(-1)
  if (last === undefined) throw new Error(`no email to ${to}`)
  return linkIn(last.text)
}

/** `POST /v1/auth/login` for a tenant. */
export const login = (
  h: ScenarioHarness,
  tenant: string,
  email: string,
  password: string,
  totp?: string
): Promise<LightMyRequestResponse> =>
  request(h, "POST", "/v1/auth/login", {
    body: { tenant, email, password, ...(totp === undefined ? {} : { totp }) }
  })

/** A 200 login's token and scope (throws with the body otherwise: a precondition of later steps). */
export const loggedIn = async (
  response: Promise<LightMyRequestResponse>
): Promise<{ readonly token: string; readonly scope: string; readonly userId: string }> => {
  const answered = await response
  if (answered.statusCode !== 200) throw new Error(`login: ${answered.statusCode} ${answered.body}`)
  const body = json(answered)
  return { token: body.token, scope: body.session.scope, userId: body.user.id }
}

/** `POST /v1/tenants` with the platform token; answers the 201 body (tenant, admin, generatedPassword | setupUrl). */
export const createTenant = async (
  h: ScenarioHarness,
  body: {
    readonly slug: string
    readonly name: string
    readonly preset: "weevio" | "wetrack" | "weavestream" | "puqcloud"
    readonly admin: { readonly email: string; readonly firstName: string; readonly lastName: string }
    readonly invite?: boolean
  }
  // biome-ignore lint/suspicious/noExplicitAny: the scenario reads arbitrary JSON
): Promise<any> => {
  const created = await request(h, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body })
  if (created.statusCode !== 201) throw new Error(`tenant: ${created.statusCode} ${created.body}`)
  return json(created)
}

/**
 * `createTenant` with `body`, then its admin's first sign-in: with the generated password, changed to
 * `password`, and again with it. Answers the 201 body and the token of the full session.
 */
export const createTenantSignedIn = async (
  h: ScenarioHarness,
  password: string,
  body: Parameters<typeof createTenant>[1]
  // biome-ignore lint/suspicious/noExplicitAny: the scenario reads arbitrary JSON
): Promise<{ readonly created: any; readonly token: string }> => {
  const created = await createTenant(h, body)
  const { slug, admin } = body
  const first = await loggedIn(login(h, slug, admin.email, created.generatedPassword))
  await request(h, "POST", "/v1/me/password", {
    token: first.token,
    body: { currentPassword: created.generatedPassword, newPassword: password }
  })
  return { created, token: (await loggedIn(login(h, slug, admin.email, password))).token }
}

/** Reads a user as `token` sees them, with the ETag to send back as If-Match. */
export const readUser = async (h: ScenarioHarness, token: string, id: string) => {
  const response = await request(h, "GET", `/v1/users/${id}`, { token })
  if (response.statusCode !== 200) throw new Error(`read user: ${response.statusCode} ${response.body}`)
  return { user: json(response), etag: String(response.headers.etag) }
}

/** `PATCH /v1/users/{id}` with the ETag of a fresh read. */
export const patchUser = async (
  h: ScenarioHarness,
  token: string,
  id: string,
  body: Record<string, unknown>
): Promise<LightMyRequestResponse> => {
  const { etag } = await readUser(h, token, id)
  return request(h, "PATCH", `/v1/users/${id}`, { token, body, headers: { "if-match": etag } })
}

/** The ids of a list response's items, in order. */
export const idsOf = (response: LightMyRequestResponse): ReadonlyArray<string> =>
  json(response).items.map((item: { readonly id: string }) => item.id)
