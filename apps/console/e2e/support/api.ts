import { randomBytes } from "node:crypto"
import { createGatehouseClient, type GatehouseClient, ok } from "@gatehouse/client"
import { totpCode } from "./totp.ts"

/** Passes every preset's policy (NIST's 15 characters too) and holds no fixture's name. */
export const STRONG_PASSWORD = "Tq8!Nebula-Crane-Vortex"
export const OTHER_PASSWORD = "Zr4?Quartz-Heron-Mosaic"

export type Preset = "weevio" | "wetrack" | "weavestream" | "puqcloud"

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set: run the specs through playwright.config.ts`)
  return value
}

/** The server itself (not the browser's origin): fixtures call it with bearer tokens. */
export const apiUrl = (): string => env("GATEHOUSE_E2E_API")

export const client = (token?: string): GatehouseClient =>
  createGatehouseClient({ baseUrl: apiUrl(), ...(token === undefined ? {} : { token }) })

/** The demo tenant's admin, as the server printed it on its first start. */
export const demoAdmin = (): { readonly tenant: string; readonly email: string; readonly password: string } =>
  JSON.parse(env("GATEHOUSE_E2E_DEMO"))

const unique = (): string => randomBytes(4).toString("hex")

export interface Tenant {
  readonly slug: string
  readonly name: string
  readonly preset: Preset
  readonly adminEmail: string
  /** The first admin's temporary password (forced change at first login). */
  readonly temporaryPassword: string
}

/** A tenant of `preset` through `POST /v1/tenants` (platform token); its admin has a temporary password. */
export const createTenant = async (preset: Preset, name = `Acme ${preset}`): Promise<Tenant> => {
  const slug = `e2e-${preset}-${unique()}`
  const adminEmail = `olga.admin@${slug}.test`
  const created = await ok(
    client(env("GATEHOUSE_E2E_PLATFORM_TOKEN")).POST("/v1/tenants", {
      body: { slug, name, preset, admin: { email: adminEmail, firstName: "Olga", lastName: "Admin" } }
    })
  )
  return { slug, name, preset, adminEmail, temporaryPassword: created.generatedPassword ?? "" }
}

export interface Session {
  readonly token: string
  readonly password: string
  /** The TOTP secret when this helper enrolled one (presets or roles that require it). */
  readonly totpSecret?: string | undefined
}

/**
 * A full session for `email`: the forced password change (to `STRONG_PASSWORD`) and a required TOTP
 * enrolment are done through the API, as a person would do them in the console.
 */
export const fullSession = async (tenant: string, email: string, password: string): Promise<Session> => {
  const first = await ok(client().POST("/v1/auth/login", { body: { tenant, email, password } }))
  if (first.session.scope === "password_change") {
    await ok(
      client(first.token).POST("/v1/me/password", {
        body: { currentPassword: password, newPassword: STRONG_PASSWORD }
      })
    )
    return fullSession(tenant, email, STRONG_PASSWORD)
  }
  if (first.session.scope === "mfa_enrollment") {
    const { secret } = await enrolTotp(first.token)
    const again = await ok(
      client().POST("/v1/auth/login", { body: { tenant, email, password, totp: totpCode(secret, 1) } })
    )
    return { token: again.token, password, totpSecret: secret }
  }
  return { token: first.token, password }
}

/** Enrols TOTP for the session's user: the secret and the recovery codes (every session then ends). */
export const enrolTotp = async (
  token: string
): Promise<{ readonly secret: string; readonly recoveryCodes: ReadonlyArray<string> }> => {
  const { secret } = await ok(client(token).POST("/v1/me/mfa/totp"))
  const { recoveryCodes } = await ok(
    client(token).POST("/v1/me/mfa/totp/confirm", { body: { code: totpCode(secret) } })
  )
  return { secret, recoveryCodes }
}

/** The tenant's admin with a full session. */
export const adminSession = (tenant: Tenant): Promise<Session> =>
  fullSession(tenant.slug, tenant.adminEmail, tenant.temporaryPassword)

export interface CreatedUser {
  readonly id: string
  readonly email: string
  readonly password: string
}

/** A user created by an admin with a typed password (their first login asks for a change). */
export const createUser = async (
  admin: Session,
  fields: {
    readonly role: string
    readonly firstName?: string
    readonly lastName?: string
    /** The admin's 2FA toggle: TOTP enrolment at the first full sign-in. */
    readonly requireTotp?: boolean
  }
): Promise<CreatedUser> => {
  const email = `user-${unique()}@e2e.test`
  const { user } = await ok(
    client(admin.token).POST("/v1/users", {
      body: {
        email,
        firstName: fields.firstName ?? "Rita",
        lastName: fields.lastName ?? "Regular",
        role: fields.role,
        password: OTHER_PASSWORD,
        ...(fields.requireTotp === undefined ? {} : { requireTotp: fields.requireTotp })
      }
    })
  )
  return { id: user.id, email, password: OTHER_PASSWORD }
}
