import { describe } from "@effect/vitest"
import type { Layer } from "effect"
import { actorDirectoryTests } from "./actorDirectory.ts"
import { actorDirectorySessionActorTests, actorDirectorySessionTests } from "./actorDirectorySessions.ts"
import { auditLogTests } from "./auditLog.ts"
import { type AuthContractTests, type AuthRepositories, registerAuthContract } from "./authSupport.ts"
import { departmentRepositoryTests } from "./departmentRepository.ts"
import { externalCredentialRepositoryTests } from "./externalCredentialRepository.ts"
import { failedAttemptsTests } from "./failedAttempts.ts"
import { groupRepositoryTests } from "./groupRepository.ts"
import { invitationBulkInsertTests } from "./invitationBulkInsert.ts"
import { invitationRepositoryTests } from "./invitationRepository.ts"
import { membershipRepositoryTests } from "./membershipRepository.ts"
import { oneTimeTokenRepositoryTests } from "./oneTimeTokenRepository.ts"
import { organizationRepositoryTests } from "./organizationRepository.ts"
import { roleRepositoryTests } from "./roleRepository.ts"
import { sessionRepositoryTests } from "./sessionRepository.ts"
import { type ContractTests, type Repositories, registerContract } from "./support.ts"
import { tenantRepositoryTests } from "./tenantRepository.ts"
import { totpRepositoryTests } from "./totpRepository.ts"
import { transactorTests } from "./transactor.ts"
import { userBulkInsertTests } from "./userBulkInsert.ts"
import { userDeletionTests } from "./userDeletion.ts"
import { userExistingEmailsTests } from "./userExistingEmails.ts"
import { userRepositoryTests } from "./userRepository.ts"
import { userTotalTests } from "./userTotals.ts"

export { actorDirectoryContract, actorDirectoryTests } from "./actorDirectory.ts"
export {
  actorDirectorySessionActorTests,
  actorDirectorySessionContract,
  actorDirectorySessionTests
} from "./actorDirectorySessions.ts"
export { auditLogContract, auditLogTests } from "./auditLog.ts"
export { departmentRepositoryContract, departmentRepositoryTests } from "./departmentRepository.ts"
export { groupRepositoryContract, groupRepositoryTests } from "./groupRepository.ts"
export { membershipListingContract, membershipListingTests } from "./membershipListing.ts"
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
export {
  type TenantOverviewIt,
  tenantOverviewContract,
  tenantOverviewTests
} from "./tenantOverview.ts"
export { tenantRepositoryContract, tenantRepositoryTests } from "./tenantRepository.ts"
export { transactorContract, transactorTests } from "./transactor.ts"
export { userBulkInsertContract, userBulkInsertTests } from "./userBulkInsert.ts"
export { userExistingEmailsContract, userExistingEmailsTests } from "./userExistingEmails.ts"
export { userListingTests } from "./userListing.ts"
export { userRepositoryContract, userRepositoryTests } from "./userRepository.ts"
export { userTotalTests } from "./userTotals.ts"
export {
  type WebhookDeduplicationContractOptions,
  type WebhookDeduplicationIt,
  webhookDeduplicationContract,
  webhookDeduplicationTests
} from "./webhookDeduplication.ts"

const suites: ReadonlyArray<readonly [string, ContractTests]> = [
  ["TenantRepository", tenantRepositoryTests],
  ["RoleRepository", roleRepositoryTests],
  ["UserRepository", userRepositoryTests],
  ["UserRepository.insertMany", userBulkInsertTests],
  ["UserRepository.existingEmails", userExistingEmailsTests],
  ["UserRepository list totals", userTotalTests],
  ["OrganizationRepository", organizationRepositoryTests],
  ["MembershipRepository", membershipRepositoryTests],
  ["GroupRepository", groupRepositoryTests],
  ["DepartmentRepository", departmentRepositoryTests],
  ["AuditLog", auditLogTests],
  ["Transactor", transactorTests],
  ["ActorDirectory", actorDirectoryTests]
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

export {
  type AuthContractIt,
  type AuthContractTests,
  type AuthRepositories,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
export {
  externalCredentialRepositoryContract,
  externalCredentialRepositoryTests
} from "./externalCredentialRepository.ts"
export { failedAttemptsContract, failedAttemptsTests } from "./failedAttempts.ts"
export { invitationBulkInsertContract, invitationBulkInsertTests } from "./invitationBulkInsert.ts"
export { invitationRepositoryContract, invitationRepositoryTests } from "./invitationRepository.ts"
export { oneTimeTokenRepositoryContract, oneTimeTokenRepositoryTests } from "./oneTimeTokenRepository.ts"
export {
  type MakeOutboundCalls,
  type OutboundCallsSetup,
  outboundCallsContract,
  outboundRuleContract
} from "./outboundCalls.ts"
export { sessionRepositoryContract, sessionRepositoryTests } from "./sessionRepository.ts"
export { sha256Contract } from "./sha256.ts"
export { shopifyWebhookSignatureContract } from "./shopifyWebhookSignature.ts"
export { totpRepositoryContract, totpRepositoryTests } from "./totpRepository.ts"
export { userDeletionTests } from "./userDeletion.ts"

const authSuites: ReadonlyArray<readonly [string, AuthContractTests]> = [
  ["SessionRepository", sessionRepositoryTests],
  ["ActorDirectory.findSession", actorDirectorySessionTests],
  ["ActorDirectory.findSessionActor", actorDirectorySessionActorTests],
  ["InvitationRepository", invitationRepositoryTests],
  ["InvitationRepository.insertMany", invitationBulkInsertTests],
  ["ExternalCredentialRepository", externalCredentialRepositoryTests],
  ["FailedAttempts", failedAttemptsTests],
  ["TotpRepository", totpRepositoryTests],
  ["OneTimeTokenRepository", oneTimeTokenRepositoryTests],
  ["UserRepository.delete cascades", userDeletionTests]
]

/**
 * Registers the contract suites of the authentication ports (sessions, invitations, external credentials,
 * failed attempts, TOTP, and the ActorDirectory's session read) against one implementation, built once like
 * `repositoryContracts`.
 */
export const authRepositoryContracts = (
  name: string,
  implementation: Layer.Layer<AuthRepositories, unknown>
): void =>
  registerAuthContract(`auth repository contracts (${name})`, implementation, (it) => {
    for (const [port, tests] of authSuites) describe(port, () => tests(it))
  })
export { type OutboxIt, type OutboxServices, outboxContract, outboxTests } from "./outbox.ts"
