import { type Actor, issueSetupInvitation, type SetupLink, type Tenant, type User } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"

/** The token carried in a setup link's fragment. */
export const tokenOf = (link: SetupLink): Redacted.Redacted<string> => {
  const url = new URL(Redacted.value(link.setupUrl))
  const prefix = "#token="
  if (!url.hash.startsWith(prefix)) throw new Error(`No token in the fragment of ${url.href}`)
  return Redacted.make(decodeURIComponent(url.hash.slice(prefix.length)))
}

/** The same invitation id with another (well-formed) secret. */
export const withWrongSecret = (token: Redacted.Redacted<string>): Redacted.Redacted<string> => {
  const [id, secret] = Redacted.value(token).split(".") as [string, string]
  const wrong = `${secret[0] === "A" ? "B" : "A"}${secret.slice(1)}`
  return Redacted.make(`${id}.${wrong}`)
}

export interface InvitedUser {
  readonly tenant: Tenant
  readonly adminActor: Actor
  readonly user: User
  readonly link: SetupLink
}

/** A tenant with a pending user who was just sent a setup link. */
export const invitedUser = (tenantOverrides: Partial<Tenant> = {}, userOverrides: Partial<User> = {}) =>
  Effect.gen(function* () {
    const { tenant, adminActor } = yield* seedTenant(tenantOverrides)
    const user = yield* seedUser(tenant, { status: "pending", ...userOverrides })
    const link = yield* issueSetupInvitation(tenant, user, adminActor)
    const invited: InvitedUser = { tenant, adminActor, user, link }
    return invited
  })

/** A password the product policy accepts and that shares no word with the seeded users. */
export const goodPassword = Redacted.make("Quartz-Lantern-Orbit-92")
