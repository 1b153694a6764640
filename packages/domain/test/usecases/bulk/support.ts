import {
  type Department,
  DepartmentRepository,
  type Email,
  type Group,
  GroupRepository,
  InvitationRepository,
  type Tenant,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { aDepartment, aGroup } from "@gatehouse/testkit"
import { Effect, Option } from "effect"

/** A row as a CSV parser gives it: every value a string, headers as a person wrote them. */
export const csvRow = (overrides: Record<string, string> = {}, n = 1): Record<string, string> => ({
  Email: `person${n}@example.com`,
  "First name": `First${n}`,
  "Last name": `Last${n}`,
  Role: "General",
  ...overrides
})

/** `count` valid rows for the wetrack catalogue. */
export const csvRows = (count: number, from = 1): ReadonlyArray<Record<string, string>> =>
  Array.from({ length: count }, (_, i) => csvRow({}, from + i))

export const seedNamedGroup = (
  tenant: Pick<Tenant, "id">,
  name: string
): Effect.Effect<Group, never, GroupRepository> =>
  Effect.flatMap(GroupRepository, (groups) =>
    groups.insert(aGroup({ tenantId: tenant.id, name })).pipe(Effect.orDie)
  )

export const seedNamedDepartment = (
  tenant: Pick<Tenant, "id">,
  name: string
): Effect.Effect<Department, never, DepartmentRepository> =>
  Effect.flatMap(DepartmentRepository, (departments) =>
    departments.insert(aDepartment({ tenantId: tenant.id, name })).pipe(Effect.orDie)
  )

/** The stored user with this email, if any. */
export const userByEmail = (
  tenant: Pick<Tenant, "id">,
  email: string
): Effect.Effect<Option.Option<User>, never, UserRepository> =>
  Effect.flatMap(UserRepository, (users) => users.findByEmail(tenant.id, email as Email))

/** The stored user with this email (fails the test when there is none). */
export const theUser = (tenant: Pick<Tenant, "id">, email: string) =>
  Effect.map(userByEmail(tenant, email), Option.getOrThrow)

/** How many invitations the user has, in any state. */
export const invitationsOf = (user: User) =>
  Effect.flatMap(InvitationRepository, (invitations) => invitations.listByUser(user.tenantId, user.id))
