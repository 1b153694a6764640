import { decodeBase32, generateTotp } from "@gatehouse/domain"
import type { fakeShopify } from "@gatehouse/testkit"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import {
  type CallOptions,
  call,
  json,
  loginFull,
  type Method,
  newTenant,
  newUser,
  OTHER_PASSWORD,
  PASSWORD,
  type TenantAdmin
} from "../support/harness.ts"

/** The webhook secret both tenants' store connections use. */
export const WEBHOOK_SECRET = "whsec-matrix-0123456789"

/** One seeding request: the parsed answer, or an error naming the step when the status is not `status`. */
// biome-ignore lint/suspicious/noExplicitAny: seeding reads arbitrary JSON
type Step = (what: string, status: number, method: Method, url: string, options?: CallOptions) => Promise<any>

const stepsOf =
  (app: FastifyInstance): Step =>
  async (what, status, method, url, options) => {
    const answered = await call(app, method, url, options)
    if (answered.statusCode !== status)
      throw new Error(`seeding ${what}: ${answered.statusCode} ${answered.body}`)
    return json(answered)
  }

const totpNow = (secret: string): Promise<string> =>
  Effect.runPromise(decodeBase32(secret).pipe(Effect.flatMap((key) => generateTotp(key, Date.now()))))

const tokenOfSetupUrl = (setupUrl: string): string => decodeURIComponent(setupUrl.split("#token=")[1]!)

/**
 * Two weevio tenants through `POST /v1/tenants`, both connected to the fake Shopify store; tenant B also gets an
 * organization, a group and a department, whose ids tenant A's requests must not reach.
 */
export const seedTenants = async (app: FastifyInstance, shopify: fakeShopify.FakeShopify) => {
  const step = stepsOf(app)
  const admin = await newTenant(app)
  const other = await newTenant(app)
  for (const { token } of [admin, other]) {
    const body = {
      shopDomain: shopify.shopDomain,
      accessToken: shopify.accessToken,
      endpoint: shopify.endpoint(),
      webhookSecret: WEBHOOK_SECRET
    }
    await step("shopify", 200, "PUT", "/v1/settings/shopify", { token, body })
  }
  const token = other.token
  const globex = await step("B org", 201, "POST", "/v1/organizations", { token, body: { name: "Globex" } })
  const foreign = {
    organization: globex.id,
    organizationSlug: globex.slug,
    group: (await step("B group", 201, "POST", "/v1/groups", { token, body: { name: "Globex crew" } })).id,
    department: (await step("B department", 201, "POST", "/v1/departments", { token, body: { name: "Ops" } }))
      .id
  } as {
    readonly organization: string
    readonly organizationSlug: string
    readonly group: string
    readonly department: string
  }
  return { admin, other, foreign }
}

/** Tenant A's staff, each in the state a column or a row needs, created by its Admin. */
export const seedStaff = async (app: FastifyInstance, admin: TenantAdmin) => {
  const step = stepsOf(app)
  const { token, slug } = admin
  const create = async (
    email: string,
    firstName: string,
    role: string,
    credential: object
  ): Promise<string> =>
    (
      await step(email, 201, "POST", "/v1/users", {
        token,
        body: { email, firstName, lastName: "Matrix", role, ...credential }
      })
    ).user.id

  const regular = await newUser(app, admin, { firstName: "Rita" })

  // the default target: active, Regular, with TOTP enrolled (so an admin's TOTP reset has something to clear)
  const active = await create("target@acme.test", "Tess", "Regular", { password: OTHER_PASSWORD })
  const activeToken = (await loginFull(app, slug, "target@acme.test", OTHER_PASSWORD)).token
  const { secret } = await step("totp", 200, "POST", "/v1/me/mfa/totp", { token: activeToken })
  const code = await totpNow(secret)
  await step("totp confirm", 200, "POST", "/v1/me/mfa/totp/confirm", { token: activeToken, body: { code } })

  const disabled = await create("disabled@acme.test", "Dora", "Regular", { generatePassword: true })
  await step("disable", 200, "POST", `/v1/users/${disabled}/disable`, { token })
  const deactivated = await create("deactivated@acme.test", "Dave", "Regular", { generatePassword: true })
  await step("deactivate", 200, "POST", `/v1/users/${deactivated}/deactivate`, { token })
  const invited = await step("pending", 201, "POST", "/v1/users", {
    token,
    body: {
      email: "pending@acme.test",
      firstName: "Penny",
      lastName: "Matrix",
      role: "Regular",
      invite: true
    }
  })

  // an Admin who logged in, then was disabled: theirs is the "old token"
  const gone = await create("gone@acme.test", "Gina", "Admin", { password: OTHER_PASSWORD })
  const disabledAdmin = (await loginFull(app, slug, "gone@acme.test", OTHER_PASSWORD)).token
  await step("disable admin", 200, "POST", `/v1/users/${gone}/disable`, { token })

  // an Admin whose password an administrator set (PASSWORD, like everyone's): the first login is restricted
  await create("forced@acme.test", "Fay", "Admin", { password: PASSWORD })
  const forced = await step("forced login", 200, "POST", "/v1/auth/login", {
    body: { tenant: slug, email: "forced@acme.test", password: PASSWORD }
  })
  if (forced.session.scope !== "password_change") throw new Error(`not restricted: ${forced.session.scope}`)

  return {
    regular,
    active,
    disabled,
    deactivated,
    pending: invited.user.id as string,
    pendingSetupToken: tokenOfSetupUrl(invited.setupUrl),
    disabledAdmin,
    passwordChange: forced.token as string
  }
}

/**
 * Tenant A's organizations: orgA with its portal admin (tenant role Portal User, organization Admin) and two
 * Limited members, the first of them invited to the eShop; orgB with one Limited member. Also a group and a
 * department.
 */
export const seedOrganizations = async (app: FastifyInstance, admin: TenantAdmin) => {
  const step = stepsOf(app)
  const { token, slug } = admin
  const organization = async (
    name: string,
    pimsCustomerCode: string
  ): Promise<{ id: string; slug: string }> =>
    await step(name, 201, "POST", "/v1/organizations", { token, body: { name, pimsCustomerCode } })
  const member = async (orgId: string, email: string, role: string): Promise<string> =>
    (
      await step(email, 201, "POST", `/v1/organizations/${orgId}/members`, {
        token,
        body: { email, firstName: "Mo", lastName: "Member", role }
      })
    ).user.id

  const { id: orgA, slug: orgASlug } = await organization("Northwind", "C-100")
  const { id: orgB, slug: orgBSlug } = await organization("Fabrikam", "C-200")
  await step("portal user", 201, "POST", "/v1/users", {
    token,
    body: {
      email: "portal@northwind.test",
      firstName: "Paula",
      lastName: "Matrix",
      role: "Portal User",
      password: OTHER_PASSWORD
    }
  })
  const portalAdmin = await member(orgA, "portal@northwind.test", "Admin")
  const portalToken = (await loginFull(app, slug, "portal@northwind.test", OTHER_PASSWORD)).token
  const memberA = await member(orgA, "buyer@northwind.test", "Limited")
  const memberA2 = await member(orgA, "clerk@northwind.test", "Limited")
  const memberB = await member(orgB, "buyer@fabrikam.test", "Limited")
  await step("eshop invite", 200, "POST", `/v1/organizations/${orgA}/members/${memberA}/eshop/invite`, {
    token
  })

  const group = (await step("group", 201, "POST", "/v1/groups", { token, body: { name: "Night shift" } })).id
  const department = (
    await step("department", 201, "POST", "/v1/departments", { token, body: { name: "Finance" } })
  ).id
  const webhook = (
    await step("webhook", 201, "POST", "/v1/webhooks", {
      token,
      body: { url: "https://receiver.example/hooks", events: ["*"] }
    })
  ).webhook.id as string
  await step("webhook test", 200, "POST", `/v1/webhooks/${webhook}/test`, { token })
  const delivery = (await step("deliveries", 200, "GET", `/v1/webhooks/${webhook}/deliveries`, { token }))
    .items[0].id as string
  return {
    orgA,
    orgB,
    orgSlugs: { orgA: orgASlug, orgB: orgBSlug },
    portalAdmin,
    portalToken,
    memberA,
    memberA2,
    memberB,
    group: group as string,
    department,
    webhook,
    delivery
  }
}

/** `W/"<version>"` of every user of the tenant, read by its Admin. */
export const readEtags = async (app: FastifyInstance, admin: TenantAdmin): Promise<Map<string, string>> => {
  const step = stepsOf(app)
  const etags = new Map<string, string>()
  const users = await step("users", 200, "GET", "/v1/users?limit=100", { token: admin.token })
  for (const { id } of users.items as ReadonlyArray<{ readonly id: string }>) {
    etags.set(id, String((await call(app, "GET", `/v1/users/${id}`, { token: admin.token })).headers.etag))
  }
  return etags
}
