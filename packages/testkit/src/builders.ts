import {
  type Actor,
  type ChangeEvent,
  type Department,
  type DepartmentId,
  type Email,
  type EventId,
  type Group,
  type GroupId,
  type Membership,
  type Organization,
  type OrganizationId,
  type OrganizationSlug,
  type PresetName,
  presets,
  type Role,
  type RoleName,
  RoleRepository,
  type StoredWebhook,
  type Tenant,
  type TenantId,
  TenantRepository,
  type TenantSlug,
  type User,
  type UserId,
  UserRepository,
  userActor,
  type WebhookId
} from "@gatehouse/domain"
import { Effect } from "effect"

const epoch = new Date("2026-01-01T00:00:00.000Z")
let counter = 0
const next = () => ++counter

export const anId = <Id extends string>(): Id => globalThis.crypto.randomUUID() as Id

export const aTenant = (overrides: Partial<Tenant> = {}): Tenant => {
  const preset = presets[overrides.preset ?? "weevio"]
  const n = next()
  return {
    id: anId<TenantId>(),
    slug: `tenant-${n}` as TenantSlug,
    name: `Tenant ${n}`,
    preset: preset.name,
    passwordPolicy: preset.passwordPolicy,
    settings: { invitationTtlHours: preset.invitationTtlHours },
    createdAt: epoch,
    updatedAt: epoch,
    version: 1,
    ...overrides
  }
}

/** The roles of a preset, for a tenant. */
export const rolesOf = (tenantId: TenantId, preset: PresetName): ReadonlyArray<Role> =>
  presets[preset].roles.map((r) => ({
    tenantId,
    name: r.name as RoleName,
    scope: r.scope,
    permissions: r.permissions,
    requiresTotp: r.requiresTotp,
    builtIn: true
  }))

/** A user; unless given, an employee awaiting setup exactly when pending (as the store requires). */
export const aUser = (overrides: Partial<User> & { readonly tenantId: TenantId }): User => {
  const n = next()
  const status = overrides.status ?? "active"
  return {
    id: anId<UserId>(),
    email: `user${n}@example.com` as Email,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    displayName: null,
    phone: null,
    language: null,
    adminNotes: null,
    role: "Regular" as RoleName,
    modulePermissions: [],
    departmentId: null,
    groupIds: [],
    status,
    kind: "employee",
    awaitingSetup: status === "pending",
    emailVerified: false,
    phoneVerified: false,
    mustChangePassword: false,
    requireTotp: false,
    totpEnabled: false,
    passwordHash: null,
    lastLoginAt: null,
    createdAt: epoch,
    updatedAt: epoch,
    version: 1,
    ...overrides
  }
}

export const anOrganization = (
  overrides: Partial<Organization> & { readonly tenantId: TenantId }
): Organization => {
  const n = next()
  return {
    id: anId<OrganizationId>(),
    name: `Organization ${n}`,
    slug: `organization-${n}` as OrganizationSlug,
    companyName: null,
    taxId: null,
    status: "active",
    kind: "business",
    pimsCustomerCode: `C${n}`,
    pimsCustomerName: `Customer ${n}`,
    priceCode: null,
    createdAt: epoch,
    updatedAt: epoch,
    version: 1,
    ...overrides
  }
}

export const aMembership = (
  overrides: Partial<Membership> & {
    readonly tenantId: TenantId
    readonly organizationId: OrganizationId
    readonly userId: UserId
  }
): Membership => ({
  role: "Limited" as RoleName,
  active: true,
  expiresAt: null,
  createdAt: epoch,
  updatedAt: epoch,
  ...overrides
})

export const aGroup = (overrides: Partial<Group> & { readonly tenantId: TenantId }): Group => ({
  id: anId<GroupId>(),
  name: `Group ${next()}`,
  description: null,
  createdAt: epoch,
  updatedAt: epoch,
  ...overrides
})

export const aDepartment = (
  overrides: Partial<Department> & { readonly tenantId: TenantId }
): Department => ({
  id: anId<DepartmentId>(),
  name: `Department ${next()}`,
  createdAt: epoch,
  updatedAt: epoch,
  ...overrides
})

export interface SeededTenant {
  readonly tenant: Tenant
  readonly admin: User
  readonly adminActor: Actor
}

/**
 * Stores a tenant with its preset's roles and an active admin, straight through the repositories (no use case,
 * no audit): the starting point of most tests.
 */
export const seedTenant = (
  overrides: Partial<Tenant> = {}
): Effect.Effect<SeededTenant, never, TenantRepository | RoleRepository | UserRepository> =>
  Effect.gen(function* () {
    const tenant = aTenant(overrides)
    yield* (yield* TenantRepository).insert(tenant).pipe(Effect.orDie)
    const roles = yield* RoleRepository
    for (const role of rolesOf(tenant.id, tenant.preset)) yield* roles.insert(role).pipe(Effect.orDie)
    const admin = yield* seedUser(tenant, { role: presets[tenant.preset].adminRole as RoleName })
    return { tenant, admin, adminActor: userActor(tenant.id, admin.id) }
  })

/** Stores a user of the tenant (active, role Regular unless overridden). */
export const seedUser = (
  tenant: Pick<Tenant, "id">,
  overrides: Partial<User> = {}
): Effect.Effect<User, never, UserRepository> =>
  Effect.flatMap(UserRepository, (users) =>
    users.insert(aUser({ ...overrides, tenantId: tenant.id })).pipe(Effect.orDie)
  )

/** A stored webhook subscribed to every event; its "sealed" secrets are placeholders (stores never open them). */
export const aWebhook = (
  overrides: Partial<StoredWebhook> & { readonly tenantId: TenantId }
): StoredWebhook => ({
  id: anId<WebhookId>(),
  url: "https://receiver.example.com/hook",
  events: ["*"],
  description: null,
  enabled: true,
  disabledReason: null,
  createdAt: epoch,
  updatedAt: epoch,
  sealedSecret: "sealed-secret",
  sealedPreviousSecret: null,
  previousSecretExpiresAt: null,
  ...overrides
})

/** A change event of `type` at `occurredAt` (a user's update unless told otherwise). */
export const aChangeEvent = (
  overrides: Partial<ChangeEvent> & { readonly tenantId: TenantId; readonly occurredAt: Date }
): ChangeEvent => ({
  id: anId<EventId>(),
  type: "user.updated",
  actor: { kind: "system", id: null },
  data: { id: anId<string>(), n: next() },
  ...overrides
})
