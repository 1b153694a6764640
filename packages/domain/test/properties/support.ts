import {
  type Actor,
  addGroupMember,
  addMember,
  createDepartment,
  createGroup,
  createOrganization,
  createUser,
  type DepartmentId,
  Email,
  ExternalCredentialRepository,
  FailedAttempts,
  type GroupId,
  type OrganizationId,
  type RoleName,
  type TenantId,
  type TenantSlug,
  TotpRepository,
  type User,
  type UserId,
  UserRepository,
  updateUser,
  userActor
} from "@gatehouse/domain"
import { type layerMemory, MemoryStore, type memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, type Layer, Option, Schema } from "effect"
import { issueSession } from "../../src/usecases/sessions/index.ts"

/** Everything the in-memory domain provides. */
export type Services = Layer.Success<typeof layerMemory>

export const roleName = (name: string): RoleName => name as RoleName
export const email = (text: string): Email => Schema.decodeUnknownSync(Email)(text)

/** A random run of lower-case letters: marks one tenant's names so a leak of them can be recognised. */
export const marker = (): string =>
  Array.from(globalThis.crypto.getRandomValues(new Uint8Array(10)), (b) =>
    String.fromCharCode(97 + (b % 26))
  ).join("")

/** The whole in-memory state. */
export const snapshot: Effect.Effect<memory.State, never, MemoryStore> = Effect.flatMap(
  MemoryStore,
  (store) => store.snapshot
)

// A row belongs to the tenant by its `tenantId`, a tenant row by its `id`; a row with neither (an outgoing
// mail) belongs to the tenant it names (mails say "... at <tenant name>"). No row is left out unjudged.
const belongsTo = (tenantId: TenantId, tenantName: string) => (row: unknown) => {
  if (typeof row !== "object" || row === null) return true
  if ("tenantId" in row) return row.tenantId === tenantId
  if ("id" in row) return row.id === tenantId
  return JSON.stringify(row).includes(tenantName)
}

const restrictRows = (rows: unknown, keep: (row: unknown) => boolean): unknown => {
  if (rows instanceof Map) return new Map([...rows].filter(([, row]) => keep(row)))
  if (Array.isArray(rows)) return rows.filter(keep)
  return rows
}

/**
 * The part of the store that belongs to one tenant: every collection and every further table (sessions,
 * invitations, TOTP, counters, credentials, the outbox, ...) filtered to its rows, nothing left out.
 */
export const tenantPart = (
  state: memory.State,
  world: Pick<World, "tenantId" | "tenantName">
): Record<string, unknown> => {
  const keep = belongsTo(world.tenantId, world.tenantName)
  const part: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(state)) {
    part[key] =
      key === "tables"
        ? new Map(
            [...(value as ReadonlyMap<string, unknown>)].map(([name, rows]) => [
              name,
              restrictRows(rows, keep)
            ])
          )
        : restrictRows(value, keep)
  }
  return part
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu

/** Every string of a value that identifies something: UUIDs, email addresses, and names carrying `mark`. */
export const identifyingStrings = (value: unknown, mark: string): ReadonlySet<string> => {
  const found = new Set<string>()
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      if (UUID.test(v) || v.includes("@") || v.toLowerCase().includes(mark)) found.add(v)
    } else if (v instanceof Map) {
      for (const [k, x] of v) {
        walk(k)
        walk(x)
      }
    } else if (Array.isArray(v)) v.forEach(walk)
    else if (typeof v === "object" && v !== null && !(v instanceof Date)) Object.values(v).forEach(walk)
  }
  walk(value)
  return found
}

/** One seeded tenant: its people, organizations, groups, department, and the ids a caller may aim at. */
export interface World {
  readonly tenantId: TenantId
  readonly tenantName: string
  readonly mark: string
  readonly admin: User
  readonly regular: User
  readonly orgAdmin: User
  readonly disabled: User
  readonly invitedId: UserId
  readonly organizations: ReadonlyArray<OrganizationId>
  readonly groups: ReadonlyArray<GroupId>
  readonly departments: ReadonlyArray<DepartmentId>
  readonly actors: ReadonlyArray<Actor>
  readonly userIds: ReadonlyArray<UserId>
  readonly emails: ReadonlyArray<Email>
}

/**
 * A weevio tenant filled through the use cases (so it has audit events, an invitation, memberships, group and
 * department links) and the further ports (sessions, a failed-attempt count, a TOTP enrolment, external
 * credentials). Names carry `mark`, emails are `<mark>-...@example.com`.
 */
const buildWorld = Effect.fnUntraced(function* () {
  const mark = marker()
  const { tenant, admin, adminActor } = yield* seedTenant({
    preset: "weevio",
    slug: `${mark}-slug` as TenantSlug,
    name: `Tenant ${mark}`
  })
  const person = (name: string, overrides: Partial<User>) =>
    seedUser(tenant, {
      email: email(`${mark}-${name}@example.com`),
      firstName: `${name} ${mark}`,
      lastName: `Last ${mark}`,
      passwordHash: "$fake$hash",
      ...overrides
    })
  const regular = yield* person("regular", { role: roleName("Regular") })
  const orgAdmin = yield* person("portal", { role: roleName("Portal User") })
  const disabled = yield* person("disabled", { role: roleName("Admin"), status: "disabled" })
  const orgs: Array<OrganizationId> = []
  for (const n of [1, 2]) orgs.push((yield* createOrganization(adminActor, { name: `Org ${n} ${mark}` })).id)
  const group = yield* createGroup(adminActor, { name: `Group ${mark}` })
  const department = yield* createDepartment(adminActor, { name: `Department ${mark}` })
  const invited = yield* createUser(adminActor, {
    email: email(`${mark}-invited@example.com`),
    firstName: `Invited ${mark}`,
    lastName: `Last ${mark}`,
    role: roleName("Regular"),
    credential: { _tag: "Invite" }
  })
  const memberInput = (user: User, role: string) => ({
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    role: roleName(role)
  })
  yield* addMember(adminActor, orgs[0]!, memberInput(orgAdmin, "Admin"))
  yield* addMember(adminActor, orgs[1]!, memberInput(regular, "Limited"))
  yield* addGroupMember(adminActor, group.id, regular.id)
  const current = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, regular.id))
  yield* updateUser(adminActor, regular.id, { departmentId: department.id }, current.version)
  const at = new Date(yield* Effect.clockWith((clock) => clock.currentTimeMillis))
  for (const user of [admin, regular, orgAdmin])
    yield* issueSession({ tenantId: tenant.id, userId: user.id, scope: "full", at })
  yield* (yield* FailedAttempts).recordFailure(tenant.id, regular.id, at)
  yield* (yield* TotpRepository).savePending({
    tenantId: tenant.id,
    userId: orgAdmin.id,
    sealedSecret: `sealed-${mark}`,
    confirmed: false,
    lastUsedStep: null,
    recoveryCodeHashes: [],
    createdAt: at
  })
  yield* (yield* ExternalCredentialRepository).put({
    tenantId: tenant.id,
    userId: regular.id,
    system: "pims",
    username: `pims-${mark}`,
    sealedPassword: `sealed-${mark}`,
    status: "saved",
    updatedAt: at
  })
  const people = [admin, regular, orgAdmin, disabled]
  const world: World = {
    tenantId: tenant.id,
    tenantName: tenant.name,
    mark,
    admin,
    regular,
    orgAdmin,
    disabled,
    invitedId: invited.user.id,
    organizations: orgs,
    groups: [group.id],
    departments: [department.id],
    actors: people.map((user) => userActor(tenant.id, user.id)),
    userIds: [...people.map((user) => user.id), invited.user.id],
    emails: [...people.map((user) => user.email), invited.user.email]
  }
  return world
})

/** Seeds one world (see `buildWorld`); a failure while seeding is a defect of the test. */
export const seedWorld = (): Effect.Effect<World, never, Services> => Effect.orDie(buildWorld())
