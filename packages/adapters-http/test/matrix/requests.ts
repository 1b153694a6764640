import { createHmac } from "node:crypto"
import type { LightMyRequestResponse } from "fastify"
import { OTHER_PASSWORD, PASSWORD, PLATFORM_TOKEN } from "../support/harness.ts"
import type { Column } from "./expectations.ts"
import { type RouteKey, WEBHOOK_SECRET, type World } from "./world.ts"

/** A third password that passes the policy: the new one of `POST /v1/me/password`. */
const NEW_PASSWORD = "Vx7#Lumen-Falcon-Prism"

/** A Shopify webhook of a topic Gatehouse ignores: acknowledged once its signature checks out. */
const WEBHOOK_BODY = '{"id":1001}'

/** What a row sends besides its url: a body and headers valid enough for the Admin to succeed. */
export interface RequestSpec {
  /** Which user `{id}` of a `/v1/users/{id}` route names (default `active`; the self column names the caller). */
  readonly target?: "active" | "disabled" | "deactivated" | "pending"
  /** Which member of orgA an organization's `{userId}` names: `memberA` (default, invited to the eShop) or not. */
  readonly member?: "memberA" | "memberA2"
  readonly body?: (w: World) => unknown
  /** The query string (a route whose query has a required member). */
  readonly query?: Record<string, string>
  readonly headers?: (w: World, userId: string | undefined) => Record<string, string>
}

const UNKNOWN_TOKEN_ID = "0190a6e4-8c1b-7d3e-9f00-000000000000"

/** Bodies and targets per route; a route absent here sends no body. */
export const REQUESTS: Partial<Record<RouteKey, RequestSpec>> = {
  "POST /v1/auth/login": {
    body: (w) => ({ tenant: w.slug, email: w.users.regularEmail, password: PASSWORD })
  },
  "PATCH /v1/me": { body: () => ({ firstName: "Renamed" }) },
  "POST /v1/me/password": { body: () => ({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }) },
  "POST /v1/me/mfa/totp/confirm": { body: () => ({ code: "123456" }) },
  "DELETE /v1/me/mfa/totp": { body: () => ({ code: "123456" }) },
  "POST /v1/me/mfa/totp/recovery-codes": { body: () => ({ code: "123456" }) },
  "PUT /v1/me/external-credentials/:system": {
    body: () => ({ username: "matrix", password: "pims-secret" })
  },
  "GET /v1/me/external-credentials/:system/access": { query: { feature: "orders" } },
  "PUT /v1/password-policy": { body: () => ({ preset: "nist" }) },
  "POST /v1/password-policy/check": { body: () => ({ password: "Candidate-Pass-42" }) },
  "POST /v1/users": {
    body: () => ({
      email: "new@acme.test",
      firstName: "Nell",
      lastName: "New",
      role: "Regular",
      password: OTHER_PASSWORD
    })
  },
  "PATCH /v1/users/:id": {
    body: () => ({ firstName: "Renamed" }),
    headers: (w, userId) => ({ "if-match": w.etags.get(userId ?? "") ?? 'W/"1"' })
  },
  "PUT /v1/users/:id/role": { body: () => ({ role: "Admin" }) },
  "POST /v1/users/import": {
    body: () => ({
      rows: [{ email: "imported@acme.test", firstName: "Ira", lastName: "Import", role: "Regular" }]
    })
  },
  "POST /v1/users/bulk": { body: (w) => ({ action: "disable", ids: [w.users.active] }) },
  "POST /v1/users/:id/enable": { target: "disabled" },
  "POST /v1/users/:id/restore": { target: "deactivated" },
  "POST /v1/users/:id/password": { body: () => ({ generate: true }) },
  "POST /v1/users/:id/setup-link": { target: "pending" },
  "DELETE /v1/users/:id/setup-link": { target: "pending" },
  "POST /v1/auth/password-reset": { body: (w) => ({ tenant: w.slug, email: w.users.regularEmail }) },
  // A well-formed token nobody was sent: every caller gets the same answer (no session counts here).
  "POST /v1/auth/password-reset/start": { body: () => ({ token: `${UNKNOWN_TOKEN_ID}.${"A".repeat(43)}` }) },
  "POST /v1/auth/password-reset/complete": {
    body: () => ({ token: `${UNKNOWN_TOKEN_ID}.${"A".repeat(43)}`, newPassword: PASSWORD })
  },
  "POST /v1/email-verification/complete": {
    body: () => ({ token: `${UNKNOWN_TOKEN_ID}.${"A".repeat(43)}` })
  },
  "PUT /v1/settings/account-recovery": { body: () => ({ passwordReset: true }) },
  "POST /v1/setup/start": { body: (w) => ({ token: w.pendingSetupToken }) },
  "POST /v1/setup/complete": {
    body: (w) => ({ token: w.pendingSetupToken, displayName: "Penny P.", password: PASSWORD })
  },
  "POST /v1/organizations": { body: () => ({ name: "Contoso" }) },
  "PATCH /v1/organizations/:orgId": { body: () => ({ name: "Northwind Traders" }) },
  "POST /v1/organizations/:orgId/members": {
    body: () => ({ email: "newbuyer@northwind.test", firstName: "Nat", lastName: "New", role: "Limited" })
  },
  "PATCH /v1/organizations/:orgId/members/:userId": { body: () => ({ role: "Limited" }) },
  "POST /v1/organizations/:orgId/members/:userId/eshop/invite": { member: "memberA2" },
  "PUT /v1/settings/shopify": {
    body: (w) => ({
      shopDomain: w.shopify.shopDomain,
      accessToken: w.shopify.accessToken,
      endpoint: w.shopify.endpoint()
    })
  },
  "POST /v1/webhooks/shopify/:tenantSlug": {
    body: () => WEBHOOK_BODY,
    headers: (w) => ({
      "content-type": "application/json",
      "x-shopify-hmac-sha256": createHmac("sha256", WEBHOOK_SECRET).update(WEBHOOK_BODY).digest("base64"),
      "x-shopify-topic": "shop/update",
      "x-shopify-webhook-id": crypto.randomUUID(),
      "x-shopify-shop-domain": w.shopify.shopDomain
    })
  },
  "PUT /v1/settings/external-credentials/:system": {
    body: () => ({ defaultCredentials: { username: "shared", password: "pims-default" } })
  },
  "PUT /v1/tenants/:slug/external-credentials/:system": {
    body: () => ({ verifyUrl: "https://pims.example/verify" })
  },
  "POST /v1/webhooks": { body: () => ({ url: "https://receiver.example/hooks", events: ["user.created"] }) },
  "PATCH /v1/webhooks/:id": { body: () => ({ description: "Billing system" }) },
  "POST /v1/groups": { body: () => ({ name: "Day shift" }) },
  "PATCH /v1/groups/:id": { body: () => ({ name: "Late shift" }) },
  "POST /v1/departments": { body: () => ({ name: "Sales" }) },
  "PATCH /v1/departments/:id": { body: () => ({ name: "Accounting" }) },
  "POST /v1/tenants": {
    body: () => ({
      slug: "matrix-new",
      name: "Matrix New",
      preset: "weevio",
      admin: { email: "boss@matrix.test", firstName: "Bo", lastName: "Boss" }
    })
  }
}

const isMemberRoute = (path: string): boolean => path.startsWith("/v1/organizations/:orgId/members/:userId")

/** Whether the route names a user: the self column exists exactly for these. */
export const takesUserId = (path: string): boolean =>
  path.startsWith("/v1/users/:id") || path.includes(":userId")

/** Whether the route names an organization (by id or slug): the portal admin's other-organization column exists for these. */
export const takesOrgId = (path: string): boolean =>
  path.includes(":orgId") || path.startsWith("/v1/organizations/by-slug/")

/** The bearer token a column presents (none for anonymous). */
const tokenOf = (w: World, column: Column, path: string): string | undefined => {
  switch (column) {
    case "anonymous":
      return undefined
    case "platform":
      return PLATFORM_TOKEN
    case "self":
      return isMemberRoute(path) ? w.tokens.portalAdmin : w.tokens.regular
    case "adminSelf":
      return w.tokens.admin
    case "regular":
      return w.tokens.regular
    case "admin":
      return w.tokens.admin
    case "otherAdmin":
      return w.tokens.otherAdmin
    case "disabled":
      return w.tokens.disabledAdmin
    case "passwordChange":
      return w.tokens.passwordChange
    case "portalAdmin":
    case "portalOtherOrg":
      return w.tokens.portalAdmin
  }
}

/**
 * The url of `path` for `column`, and the user it names. Ids are always of the right kind and of tenant A:
 * a user id names the caller in the self and adminSelf columns; otherwise `{id}` of /v1/users is the row's
 * target, an organization's `{userId}` a Limited member of that organization, a group's `{userId}` the active
 * target. `{orgId}` is orgA (orgB in the portal admin's other-organization column), `{sessionId}` the Regular
 * user's session, `{tenantSlug}` tenant A's slug, `{slug}` tenant A's slug or, on an organization's route, the
 * organization's slug (orgA's, orgB's in the other-organization column).
 */
export const urlFor = (
  w: World,
  path: string,
  column: Column,
  spec: RequestSpec
): { readonly url: string; readonly userId: string | undefined } => {
  const self = column === "self" ? (isMemberRoute(path) ? w.users.portalAdmin : w.users.regular) : undefined
  const caller = column === "adminSelf" ? w.users.admin : self
  const org = column === "portalOtherOrg" ? w.orgB : w.orgA
  let userId: string | undefined
  const url = path.replace(/:(\w+)|\*/g, (param, name: string | undefined) => {
    if (param === "*") return "swagger-ui.css"
    switch (name) {
      case "id":
        if (path.startsWith("/v1/groups/")) return w.group
        if (path.startsWith("/v1/departments/")) return w.department
        if (path.startsWith("/v1/webhooks/")) return w.webhook
        userId = caller ?? w.users[spec.target ?? "active"]
        return userId
      case "orgId":
        return org
      case "userId":
        userId =
          caller ??
          (!isMemberRoute(path) ? w.users.active : org === w.orgB ? w.users.memberB : w.users.memberA)
        return userId
      case "sessionId":
        return w.regularSession
      case "deliveryId":
        return w.delivery
      case "system":
        return "pims"
      case "tenantSlug":
        return w.slug
      case "slug":
        // an organization's slug on /v1/organizations/by-slug/{slug}, the tenant's everywhere else
        if (path.startsWith("/v1/organizations/")) return org === w.orgB ? w.orgSlugs.orgB : w.orgSlugs.orgA
        return w.slug
      default:
        throw new Error(`no filler for :${name} in ${path}`)
    }
  })
  return { url, userId }
}

/** Sends the row's request as `column`. */
export const send = (w: World, route: RouteKey, column: Column): Promise<LightMyRequestResponse> => {
  const [method, path] = route.split(" ") as [string, string]
  const spec = REQUESTS[route] ?? {}
  const { url, userId } = urlFor(w, path, column, spec)
  const token = tokenOf(w, column, path)
  const body = spec.body?.(w)
  return w.app.inject({
    method: method as "GET",
    url,
    ...(spec.query === undefined ? {} : { query: spec.query }),
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...spec.headers?.(w, userId)
    },
    ...(body === undefined ? {} : { payload: typeof body === "string" ? body : (body as object) })
  })
}

/**
 * `200` (or a redirect's status), or `"<status> <code>"` of a problem (`<status> ?` when it is not one). A bulk
 * answer adds each user's outcome: `200 [ok]`, `200 [NOT_FOUND]`.
 */
export const cellOf = (response: LightMyRequestResponse): string => {
  if (response.statusCode < 300 && String(response.headers["content-type"]).startsWith("application/json")) {
    const body = JSON.parse(response.body) as { results?: ReadonlyArray<{ ok?: unknown; code?: string }> }
    if (Array.isArray(body.results) && body.results.every((r) => typeof r.ok === "boolean")) {
      return `${response.statusCode} [${body.results.map((r) => (r.ok ? "ok" : r.code)).join(", ")}]`
    }
  }
  if (response.statusCode < 400) return String(response.statusCode)
  const isProblem = String(response.headers["content-type"]).startsWith("application/problem+json")
  const code = isProblem ? (JSON.parse(response.body) as { code?: unknown }).code : undefined
  return `${response.statusCode} ${typeof code === "string" ? code : "?"}`
}
