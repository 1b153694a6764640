import type { Actor, PutExternalCredentialsInput, RoleName, Tenant, User } from "@gatehouse/domain"
import { layerMemory, memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, Redacted } from "effect"

/** The in-memory domain with a fresh, programmable credentials verifier (its control service included). */
export const provideWithVerifier = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.provide(Layer.fresh(memory.CredentialsVerifier.layer())),
    Effect.provide(Layer.fresh(layerMemory))
  )

export interface StaffTenant {
  readonly tenant: Tenant
  readonly admin: User
  readonly adminActor: Actor
  readonly staff: User
  readonly staffActor: Actor
}

/** A weevio tenant (it keeps PIMS credentials) with its Admin and one Regular staff user. */
export const staffTenant = Effect.gen(function* () {
  const { tenant, admin, adminActor } = yield* seedTenant({ preset: "weevio" })
  const staff = yield* seedUser(tenant, { role: "Regular" as RoleName })
  const result: StaffTenant = {
    tenant,
    admin,
    adminActor,
    staff,
    staffActor: { _tag: "User", tenantId: tenant.id, userId: staff.id, scope: "full" }
  }
  return result
})

export const pims = (
  username: string,
  password: string,
  validate?: boolean
): PutExternalCredentialsInput => ({
  username,
  password: Redacted.make(password),
  ...(validate === undefined ? {} : { validate })
})

export const LOCKED_MESSAGE =
  "You are logged in using the default PIMS credentials for this tenant. You are not able to change your PIMS credentials."
