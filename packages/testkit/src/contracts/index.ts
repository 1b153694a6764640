import { describe } from "@effect/vitest"
import type { Layer } from "effect"
import { auditLogTests } from "./auditLog.ts"
import { departmentRepositoryTests } from "./departmentRepository.ts"
import { groupRepositoryTests } from "./groupRepository.ts"
import { membershipRepositoryTests } from "./membershipRepository.ts"
import { organizationRepositoryTests } from "./organizationRepository.ts"
import { roleRepositoryTests } from "./roleRepository.ts"
import { type ContractTests, type Repositories, registerContract } from "./support.ts"
import { tenantRepositoryTests } from "./tenantRepository.ts"
import { transactorTests } from "./transactor.ts"
import { userRepositoryTests } from "./userRepository.ts"

export { auditLogContract, auditLogTests } from "./auditLog.ts"
export { departmentRepositoryContract, departmentRepositoryTests } from "./departmentRepository.ts"
export { groupRepositoryContract, groupRepositoryTests } from "./groupRepository.ts"
export { membershipRepositoryContract, membershipRepositoryTests } from "./membershipRepository.ts"
export { organizationRepositoryContract, organizationRepositoryTests } from "./organizationRepository.ts"
export { roleRepositoryContract, roleRepositoryTests } from "./roleRepository.ts"
export {
  type AnyPage,
  type ContractIt,
  type ContractTests,
  freshSlug,
  freshTenant,
  type Repositories,
  registerContract,
  walkPages
} from "./support.ts"
export { tenantRepositoryContract, tenantRepositoryTests } from "./tenantRepository.ts"
export { transactorContract, transactorTests } from "./transactor.ts"
export { userListingTests } from "./userListing.ts"
export { userRepositoryContract, userRepositoryTests } from "./userRepository.ts"

const suites: ReadonlyArray<readonly [string, ContractTests]> = [
  ["TenantRepository", tenantRepositoryTests],
  ["RoleRepository", roleRepositoryTests],
  ["UserRepository", userRepositoryTests],
  ["OrganizationRepository", organizationRepositoryTests],
  ["MembershipRepository", membershipRepositoryTests],
  ["GroupRepository", groupRepositoryTests],
  ["DepartmentRepository", departmentRepositoryTests],
  ["AuditLog", auditLogTests],
  ["Transactor", transactorTests]
]

/**
 * Registers (describe/it) every contract suite against one implementation. The layer is built once, before
 * the first test, and closed after the last: tests isolate themselves with fresh tenants, so the store need
 * not be empty. Every implementation of the repositories runs this (in-memory, PGlite, PostgreSQL server).
 */
export const repositoryContracts = (name: string, implementation: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`repository contracts (${name})`, implementation, (it) => {
    for (const [port, tests] of suites) describe(port, () => tests(it))
  })
