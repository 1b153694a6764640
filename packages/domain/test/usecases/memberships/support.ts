import {
  type Actor,
  type AuditEvent,
  Email,
  MembershipRepository,
  type Organization,
  OrganizationRepository,
  type Permission,
  presets,
  type RoleName,
  RoleRepository,
  type Tenant,
  type TenantRepository,
  type User,
  UserRepository,
  userActor
} from "@gatehouse/domain"
import {
  aMembership,
  anOrganization,
  layerMemory,
  MemoryStore,
  memory,
  type SeededTenant,
  seedTenant,
  seedUser
} from "@gatehouse/testkit"
import { Effect, Layer, Schema } from "effect"

/** Each test on its own empty in-memory store. */
export const provide = Effect.provide(Layer.fresh(layerMemory))

/** The whole in-memory state, to show that a failed use case left no trace. */
export const snapshot: Effect.Effect<memory.State, never, MemoryStore> = Effect.flatMap(
  MemoryStore,
  (store) => store.snapshot
)

export const auditTrail: Effect.Effect<ReadonlyArray<AuditEvent>, never, MemoryStore> = Effect.map(
  snapshot,
  (s) => s.get(memory.tables.Audit)
)

export const role = (name: string): RoleName => name as RoleName

/** Decodes (normalises) an email the way a client's input is decoded. */
export const email = (text: string): Email => Schema.decodeUnknownSync(Email)(text)

export const actorOf = (user: Pick<User, "tenantId" | "id">): Actor => userActor(user.tenantId, user.id)

export const seedOrganization = (
  tenant: Pick<Tenant, "id">,
  overrides: Partial<Organization> = {}
): Effect.Effect<Organization, never, OrganizationRepository> =>
  Effect.flatMap(OrganizationRepository, (organizations) =>
    organizations.insert(anOrganization({ ...overrides, tenantId: tenant.id })).pipe(Effect.orDie)
  )

export interface SeededMember {
  readonly user: User
  readonly actor: Actor
}

/**
 * Stores an active user with the preset's member role and a membership of `organizationId` with `role`
 * (active, no expiry unless overridden).
 */
export const seedMember = (
  tenant: Pick<Tenant, "id" | "preset">,
  organizationId: Organization["id"],
  options: {
    readonly role: string
    readonly active?: boolean
    readonly expiresAt?: Date | null
    readonly user?: Partial<User>
  }
): Effect.Effect<SeededMember, never, UserRepository | MembershipRepository> =>
  Effect.gen(function* () {
    const user = yield* seedUser(tenant, {
      role: role(presets[tenant.preset].memberRole),
      ...options.user
    })
    yield* (yield* MembershipRepository)
      .insert(
        aMembership({
          tenantId: user.tenantId,
          organizationId,
          userId: user.id,
          role: role(options.role),
          active: options.active ?? true,
          expiresAt: options.expiresAt ?? null
        })
      )
      .pipe(Effect.orDie)
    return { user, actor: actorOf(user) }
  })

/**
 * A tenant (`seedTenant`: its admin and the admin's actor) with one organization and one member of it
 * (`seedMember` with `options`): the start of many organization tests.
 */
export const seedTenantWithMember = (
  options: Parameters<typeof seedMember>[2]
): Effect.Effect<
  SeededTenant & SeededMember & { readonly organization: Organization },
  never,
  TenantRepository | RoleRepository | UserRepository | OrganizationRepository | MembershipRepository
> =>
  Effect.gen(function* () {
    const seeded = yield* seedTenant()
    const organization = yield* seedOrganization(seeded.tenant)
    return { ...seeded, organization, ...(yield* seedMember(seeded.tenant, organization.id, options)) }
  })

/** Adds an organization role to the tenant's catalogue (tenants may extend their preset's roles). */
export const seedOrganizationRole = (
  tenant: Pick<Tenant, "id">,
  name: string,
  permissions: ReadonlyArray<Permission>
): Effect.Effect<void, never, RoleRepository> =>
  Effect.flatMap(RoleRepository, (roles) =>
    roles
      .insert({
        tenantId: tenant.id,
        name: role(name),
        scope: "organization",
        permissions,
        requiresTotp: false,
        builtIn: false
      })
      .pipe(Effect.orDie, Effect.asVoid)
  )

export const findUser = (
  tenant: Pick<Tenant, "id">,
  byEmail: Email
): Effect.Effect<User | undefined, never, UserRepository> =>
  Effect.flatMap(UserRepository, (users) =>
    Effect.map(users.findByEmail(tenant.id, byEmail), (found) =>
      found._tag === "Some" ? found.value : undefined
    )
  )

/** The tag of the error an effect fails with (a success fails the test). */
export const failureTag = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<E["_tag"], never, R> =>
  Effect.matchEffect(effect, {
    onFailure: (error) => Effect.succeed(error._tag),
    onSuccess: () => Effect.die(new Error("expected the use case to fail"))
  })
