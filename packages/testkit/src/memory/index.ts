import { PublicUrl, SecureRandom } from "@gatehouse/domain"
import { Layer } from "effect"
import * as CredentialsVerifier from "../fakes/CredentialsVerifier.ts"
import * as OutboundCalls from "../fakes/OutboundCalls.ts"
import * as ActorDirectory from "./ActorDirectory.ts"
import * as AuditLog from "./AuditLog.ts"
import * as DepartmentRepository from "./DepartmentRepository.ts"
import * as ExternalCredentialRepository from "./ExternalCredentialRepository.ts"
import * as FailedAttempts from "./FailedAttempts.ts"
import * as GroupRepository from "./GroupRepository.ts"
import * as InvitationRepository from "./InvitationRepository.ts"
import * as Mailer from "./Mailer.ts"
import * as MembershipExpiries from "./MembershipExpiries.ts"
import * as MembershipRepository from "./MembershipRepository.ts"
import { MemoryStore } from "./MemoryStore.ts"
import * as OneTimeTokenRepository from "./OneTimeTokenRepository.ts"
import * as OrganizationRepository from "./OrganizationRepository.ts"
import * as Outbox from "./Outbox.ts"
import * as PasswordBlocklist from "./PasswordBlocklist.ts"
import * as PasswordHasher from "./PasswordHasher.ts"
import * as RoleRepository from "./RoleRepository.ts"
import * as SecretBox from "./SecretBox.ts"
import * as SessionRepository from "./SessionRepository.ts"
import * as ShopifySettingsRepository from "./ShopifySettingsRepository.ts"
import * as TenantOverview from "./TenantOverview.ts"
import * as TenantRepository from "./TenantRepository.ts"
import * as TotpRepository from "./TotpRepository.ts"
import * as Transactor from "./Transactor.ts"
import * as UserRepository from "./UserRepository.ts"
import * as WebhookDeduplication from "./WebhookDeduplication.ts"
import * as WebhookRepository from "./WebhookRepository.ts"

export {
  defineTable,
  emptyState,
  listTable,
  MemoryStore,
  mapTable,
  State,
  type Table,
  type Tx,
  type View
} from "./MemoryStore.ts"
export * as tables from "./tables.ts"
export {
  ActorDirectory,
  AuditLog,
  CredentialsVerifier,
  DepartmentRepository,
  ExternalCredentialRepository,
  FailedAttempts,
  GroupRepository,
  InvitationRepository,
  Mailer,
  MembershipExpiries,
  MembershipRepository,
  OneTimeTokenRepository,
  OrganizationRepository,
  OutboundCalls,
  Outbox,
  PasswordBlocklist,
  PasswordHasher,
  RoleRepository,
  SecretBox,
  SessionRepository,
  ShopifySettingsRepository,
  TenantOverview,
  TenantRepository,
  TotpRepository,
  Transactor,
  UserRepository,
  WebhookDeduplication,
  WebhookRepository
}

/** Every repository and the Transactor on one in-memory store (the store stays reachable for assertions). */
export const layerRepositories = Layer.mergeAll(
  TenantRepository.layerMemory,
  ActorDirectory.layerMemory,
  RoleRepository.layerMemory,
  UserRepository.layerMemory,
  OrganizationRepository.layerMemory,
  MembershipRepository.layerMemory,
  GroupRepository.layerMemory,
  DepartmentRepository.layerMemory,
  AuditLog.layerMemory,
  Transactor.layerMemory,
  FailedAttempts.layerMemory,
  TotpRepository.layerMemory,
  SessionRepository.layerMemory,
  InvitationRepository.layerMemory,
  OneTimeTokenRepository.layerMemory,
  Mailer.layerMemory,
  ExternalCredentialRepository.layerMemory,
  ShopifySettingsRepository.layerMemory,
  WebhookDeduplication.layerMemory,
  TenantOverview.layerMemory,
  Outbox.layerMemory,
  WebhookRepository.layerMemory,
  MembershipExpiries.layerMemory
).pipe(Layer.provideMerge(MemoryStore.layer))

/** Where the links of emails sent in tests lead (the domain has no default: a composition must say). */
export const TEST_PUBLIC_URL = "https://gatehouse.test"

/**
 * The whole domain in memory: repositories, Transactor, a fast fake hasher, a sample blocklist, the real
 * CSPRNG, `PublicUrl` = `TEST_PUBLIC_URL`, and an `OutboundCalls` stand-in that applies the outbound rule when URLs are saved (127.0.0.1 allowed,
 * names resolving to a public address) and makes no calls. Build it fresh per test (`Layer.fresh`) when tests
 * must not share a store.
 */
export const layerMemory = Layer.mergeAll(
  layerRepositories,
  PasswordHasher.layerFake,
  PasswordBlocklist.layerSample(),
  SecureRandom.layer,
  SecretBox.layerFake,
  CredentialsVerifier.layerAnswering(),
  OutboundCalls.layerFake({ allow: ["127.0.0.1"] }),
  Layer.succeed(PublicUrl, TEST_PUBLIC_URL)
)
