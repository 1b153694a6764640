import { problemTable, requestProblems } from "@gatehouse/adapters-http"
import * as Domain from "@gatehouse/domain"
import { PasswordHasher, PublicUrl, SecureRandom } from "@gatehouse/domain"
import { memory, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Layer, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  problem,
  type TenantAdmin
} from "./support/harness.ts"

/** The answer intended for every error the domain can produce: a new domain error fails here until decided. */
const INTENDED: Record<string, readonly [number, string]> = {
  AlreadyMember: [409, "ALREADY_MEMBER"],
  CannotChangeOwnRole: [403, "CANNOT_CHANGE_OWN_ROLE"],
  CannotDeleteSelf: [403, "CANNOT_DELETE_SELF"],
  CannotEditOwnAdminFields: [403, "CANNOT_EDIT_OWN_ADMIN_FIELDS"],
  CannotDisableSelf: [403, "CANNOT_DISABLE_SELF"],
  ConfirmationMismatch: [422, "CONFIRMATION_MISMATCH"],
  CredentialsInvalid: [422, "CREDENTIALS_INVALID"],
  CredentialsLocked: [409, "CREDENTIALS_LOCKED"],
  DeliveryNotFound: [404, "NOT_FOUND"],
  DepartmentNotFound: [404, "NOT_FOUND"],
  EmailImmutable: [422, "EMAIL_IMMUTABLE"],
  EmailTaken: [409, "EMAIL_TAKEN"],
  ExternalCredentialsRequired: [409, "EXTERNAL_CREDENTIALS_REQUIRED"],
  EshopAlreadyActive: [409, "ESHOP_ALREADY_ACTIVE"],
  EshopCustomerCodeMissing: [409, "ESHOP_CUSTOMER_CODE_MISSING"],
  EshopMemberInactive: [409, "ESHOP_MEMBER_INACTIVE"],
  EshopNotConfigured: [409, "ESHOP_NOT_CONFIGURED"],
  EshopNotInvited: [409, "ESHOP_NOT_INVITED"],
  EshopTagConflict: [409, "ESHOP_TAG_CONFLICT"],
  ExternalSystemNotFound: [404, "NOT_FOUND"],
  Forbidden: [403, "FORBIDDEN"],
  GroupNotFound: [404, "NOT_FOUND"],
  ImportFailed: [422, "IMPORT_FAILED"],
  IndividualAccount: [409, "INDIVIDUAL_ACCOUNT"],
  InvalidBase32: [500, "INTERNAL"],
  InvalidCredentials: [401, "INVALID_CREDENTIALS"],
  InvalidCurrentPassword: [422, "INVALID_CURRENT_PASSWORD"],
  InvalidInput: [400, "VALIDATION"],
  InvalidStatusTransition: [409, "INVALID_STATUS_TRANSITION"],
  InvalidTotpCode: [422, "INVALID_TOTP_CODE"],
  LastAdmin: [409, "LAST_ADMIN"],
  MailDeliveryFailed: [500, "INTERNAL"],
  MembershipNotFound: [404, "NOT_FOUND"],
  MfaRequired: [401, "MFA_REQUIRED"],
  NameTaken: [409, "NAME_TAKEN"],
  OrganizationNotFound: [404, "NOT_FOUND"],
  OrganizationSlugTaken: [409, "SLUG_TAKEN"],
  OutboundCallFailed: [502, "OUTBOUND_CALL_FAILED"],
  OutboundUrlRefused: [422, "OUTBOUND_URL_REFUSED"],
  PasswordPolicyViolation: [422, "PASSWORD_POLICY"],
  RoleEscalation: [403, "ROLE_ESCALATION"],
  RoleNotFound: [404, "NOT_FOUND"],
  SecretBoxError: [500, "INTERNAL"],
  SessionNotFound: [404, "NOT_FOUND"],
  ShopifyRejected: [502, "SHOPIFY_REJECTED"],
  ShopifyUnavailable: [502, "SHOPIFY_UNAVAILABLE"],
  SlugImmutable: [409, "SLUG_IMMUTABLE"],
  SlugTaken: [409, "SLUG_TAKEN"],
  StoreUnavailable: [503, "STORE_UNAVAILABLE"],
  TenantNotFound: [404, "NOT_FOUND"],
  TokenExpired: [410, "TOKEN_EXPIRED"],
  TokenInvalid: [404, "TOKEN_INVALID"],
  TokenUsed: [410, "TOKEN_USED"],
  TooManyAttempts: [429, "TOO_MANY_ATTEMPTS"],
  TotpAlreadyEnabled: [409, "TOTP_ALREADY_ENABLED"],
  TotpNotEnabled: [409, "TOTP_NOT_ENABLED"],
  TotpNotPending: [409, "TOTP_NOT_PENDING"],
  UserNotAddable: [403, "USER_NOT_ADDABLE"],
  UserNotFound: [404, "NOT_FOUND"],
  UserNotPending: [409, "USER_NOT_PENDING"],
  VerifierNotConfigured: [409, "VERIFIER_NOT_CONFIGURED"],
  VerifierUnavailable: [502, "VERIFIER_UNAVAILABLE"],
  VersionConflict: [412, "VERSION_CONFLICT"],
  WebhookNotFound: [404, "NOT_FOUND"],
  WebhookRejected: [401, "WEBHOOK_REFUSED"]
}

/**
 * Domain errors no handler can return, because the HTTP layer turns them into one of its own first (one entry
 * for one meaning): a session that authenticates nobody is answered as `Unauthenticated`, like a missing one.
 */
const ANSWERED_AS: Record<string, string> = { SessionInvalid: "Unauthenticated" }

/** Every tagged error class the domain exports, found by reflection so none can be forgotten. */
const domainErrorTags = Object.values(Domain).flatMap((value) => {
  if (typeof value !== "function" || !(value.prototype instanceof Error) || !Schema.isSchema(value)) return []
  const tag = (value as unknown as { fields?: { _tag?: { ast?: { literal?: unknown } } } }).fields?._tag?.ast
    ?.literal
  return typeof tag === "string" ? [tag] : []
})

describe("the problem table", () => {
  it("maps every error the domain exports to the intended status and code", () => {
    expect(domainErrorTags.length).toBeGreaterThan(40)
    expect([...domainErrorTags].sort()).toEqual(
      [...Object.keys(INTENDED), ...Object.keys(ANSWERED_AS)].sort()
    )
    const table = problemTable as unknown as Record<string, { status: number; code: string }>
    for (const tag of domainErrorTags.filter((t) => ANSWERED_AS[t] === undefined)) {
      expect([tag, table[tag]?.status, table[tag]?.code]).toEqual([tag, ...INTENDED[tag]!])
    }
    for (const [tag, answer] of Object.entries(ANSWERED_AS)) {
      expect([tag, table[tag]]).toEqual([tag, undefined])
      expect(table[answer]?.status).toBe(401)
    }
  })

  it("uses stable SCREAMING_SNAKE codes, 4xx/5xx statuses and fixed text for every 5xx", () => {
    const entries = [...Object.values(problemTable), ...Object.values(requestProblems)]
    for (const entry of entries) {
      expect(entry.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/)
      expect(entry.status).toBeGreaterThanOrEqual(400)
      expect(entry.status).toBeLessThan(600)
      if (entry.status >= 500) expect(typeof entry.detail).toBe("string")
    }
    // the contract's codes, each produced by the table
    const codes = new Set(Object.values(problemTable).map((e) => e.code))
    for (const code of [
      "INVALID_CREDENTIALS",
      "MFA_REQUIRED",
      "TOO_MANY_ATTEMPTS",
      "VALIDATION",
      "EMAIL_TAKEN",
      "PASSWORD_POLICY",
      "VERSION_CONFLICT",
      "EMAIL_IMMUTABLE",
      "CANNOT_CHANGE_OWN_ROLE",
      "CANNOT_DISABLE_SELF",
      "CANNOT_DELETE_SELF",
      "ROLE_ESCALATION",
      "LAST_ADMIN",
      "TOKEN_USED",
      "TOKEN_EXPIRED",
      "TOKEN_INVALID",
      "IMPORT_FAILED",
      "CONFIRMATION_MISMATCH",
      "ALREADY_MEMBER",
      "ESHOP_TAG_CONFLICT",
      "ESHOP_NOT_CONFIGURED",
      "FORBIDDEN",
      "NOT_FOUND",
      "UNAUTHENTICATED",
      "STORE_UNAVAILABLE"
    ]) {
      expect([code, codes.has(code)]).toEqual([code, true])
    }
  })
})

describe("client mistakes are 4xx problem+json, never a 5xx", () => {
  let h: Harness
  let admin: TenantAdmin
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
  })
  afterAll(() => h.close())

  const expectProblem = (response: {
    statusCode: number
    headers: Record<string, unknown>
    body: string
  }) => {
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/)
    const body = JSON.parse(response.body)
    expect(body.status).toBe(response.statusCode)
    expect(body.type).toMatch(/^urn:gatehouse:problem:/)
    expect(typeof body.title).toBe("string")
    expect(typeof body.detail).toBe("string")
    return body
  }

  it("refuses unknown properties with 400 VALIDATION and their path, also nested", async () => {
    const response = await call(h.app, "POST", "/v1/tenants", {
      token: "platform-token-for-tests-0123456789abcdef",
      body: {
        slug: "nested-extra",
        name: "Nested",
        preset: "weevio",
        admin: { email: "a@nested.test", firstName: "A", lastName: "B", role: "Admin" },
        plan: "gold"
      }
    })
    expect(response.statusCode).toBe(400)
    const body = expectProblem(response)
    expect(body.code).toBe("VALIDATION")
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: "plan", message: "Expected no excess property" },
        { path: "admin.role", message: "Expected no excess property" }
      ])
    )
  })

  it("refuses an unknown query parameter and a body where the route takes none", async () => {
    const query = await call(h.app, "GET", "/v1/roles", { token: admin.token, query: { page: "2" } })
    expect(query.statusCode).toBe(400)
    expect(expectProblem(query).errors).toEqual([{ path: "page", message: "Expected no excess property" }])
    const body = await call(h.app, "POST", `/v1/users/${admin.adminId}/enable`, {
      token: admin.token,
      body: { status: "active" }
    })
    expect(body.statusCode).toBe(400)
    expect(expectProblem(body).code).toBe("VALIDATION")
  })

  it("refuses a malformed id in the path with 400 VALIDATION", async () => {
    const response = await call(h.app, "GET", "/v1/users/not-a-uuid", { token: admin.token })
    expect(response.statusCode).toBe(400)
    expect(expectProblem(response).errors[0].path).toBe("id")
  })

  it("answers what the router refuses (undecodable path, parameter too long) as problems too", async () => {
    const undecodable = await call(h.app, "GET", "/v1/users/%ff%fe", { token: admin.token })
    expect(problem(undecodable)).toMatchObject({ status: 400, code: "BAD_REQUEST" })
    expect(undecodable.headers["content-type"]).toMatch(/^application\/problem\+json/)
    const tooLong = await call(h.app, "GET", `/v1/users/${"a".repeat(101)}`, { token: admin.token })
    expect(problem(tooLong)).toMatchObject({ status: 414, code: "URI_TOO_LONG" })
    expect(tooLong.headers["content-type"]).toMatch(/^application\/problem\+json/)
  })

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"tenant": "acme", "email": '
    })
    expect(response.statusCode).toBe(400)
    expect(expectProblem(response).code).toBe("MALFORMED_JSON")
  })

  it("answers a prototype-poisoning body with a 400", async () => {
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"tenant":"a","email":"b","password":"c","__proto__":{"admin":true}}'
    })
    expect(response.statusCode).toBe(400)
    expectProblem(response)
  })

  it("answers another content type with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "text/plain" },
      payload: "tenant=acme"
    })
    expect(response.statusCode).toBe(415)
    expect(expectProblem(response).code).toBe("UNSUPPORTED_MEDIA_TYPE")
  })

  it("answers an oversized body with 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: "acme", email: "a@acme.test", password: "x".repeat(1_100_000) }
    })
    expect(response.statusCode).toBe(413)
    expect(expectProblem(response).code).toBe("PAYLOAD_TOO_LARGE")
  })

  it("answers an unknown route, or an unknown method of a known path, with 404 NOT_FOUND", async () => {
    for (const [method, url] of [
      ["GET", "/v2/users"],
      ["PUT", "/v1/auth/login"]
    ] as const) {
      const response = await call(h.app, method, url)
      expect(response.statusCode).toBe(404)
      expect(expectProblem(response).code).toBe("NOT_FOUND")
    }
  })

  it("answers an empty JSON body with a 400", async () => {
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: ""
    })
    expect(response.statusCode).toBe(400)
    expectProblem(response)
  })
})

describe("server faults", () => {
  it("answer 500 INTERNAL with a body that reveals nothing of the cause", async () => {
    const secret = "db-password=hunter2"
    const explode = () => Effect.die(new Error(`argon2 exploded: ${secret}`))
    const dyingHasher = Layer.succeed(
      PasswordHasher,
      PasswordHasher.of({ hash: explode, verify: explode, verifyDummy: explode })
    )
    const layer = Layer.mergeAll(
      memory.layerRepositories,
      dyingHasher,
      memory.PasswordBlocklist.layerSample(),
      SecureRandom.layer,
      memory.SecretBox.layerFake,
      memory.CredentialsVerifier.layerAnswering(),
      memory.OutboundCalls.layerFake(),
      Layer.succeed(PublicUrl, TEST_PUBLIC_URL)
    )
    const h = await makeHarness({ layer })
    const response = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: "acme", email: "a@acme.test", password: "whatever-password" }
    })
    expect(response.statusCode).toBe(500)
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/)
    expect(json(response)).toEqual({
      type: "urn:gatehouse:problem:internal",
      title: "Internal error",
      status: 500,
      detail: "The request could not be completed.",
      code: "INTERNAL"
    })
    expect(response.body).not.toContain("hunter2")
    expect(response.body).not.toContain("argon2")
    await h.close()
  })
})
