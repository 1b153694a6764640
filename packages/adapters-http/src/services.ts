import type {
  ActorDirectory,
  AuditLog,
  DepartmentRepository,
  ExternalCredentialRepository,
  ExternalCredentialsVerifier,
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
  PublicUrl,
  RoleRepository,
  SecretBox,
  SecureRandom,
  SessionRepository,
  ShopifyCustomers,
  ShopifySettingsRepository,
  ShopifyWebhookSignature,
  TenantOverview,
  TenantRepository,
  TotpRepository,
  Transactor,
  UserRepository,
  WebhookDeduplication,
  WebhookRepository
} from "@gatehouse/domain"

/**
 * Every domain port the use cases behind the v1 API need. The composition root (apps/server) provides them as
 * one `ManagedRuntime<GatehouseServices, never>`; tests build the same runtime from the testkit's in-memory
 * layers. The eShop routes need `ShopifyCustomers` and the Shopify webhook route
 * `ShopifyWebhookSignature` (both in the Shopify adapter's `layer()`) and `WebhookDeduplication` (the store's: the PostgreSQL adapter's layers and the testkit's `layerMemory`
 * provide it), and the settings routes and the credentials verifier `OutboundCalls` (the outbound rule). `PublicUrl` (where links in emails lead) has
 * no default and must be provided; settings with defaults (`SessionSettings`, `ThrottleSettings`) are
 * `Context.Reference`s and need not be.
 */
export type GatehouseServices =
  | ActorDirectory
  | AuditLog
  | DepartmentRepository
  | ExternalCredentialRepository
  | ExternalCredentialsVerifier
  | FailedAttempts
  | GroupRepository
  | InvitationRepository
  | Mailer
  | MembershipRepository
  | OneTimeTokenRepository
  | OrganizationRepository
  | OutboundCalls
  | PasswordBlocklist
  | PasswordHasher
  | RoleRepository
  | SecretBox
  | SecureRandom
  | SessionRepository
  | ShopifyCustomers
  | ShopifySettingsRepository
  | ShopifyWebhookSignature
  | TenantOverview
  | TenantRepository
  | TotpRepository
  | Transactor
  | UserRepository
  | WebhookDeduplication
  | Outbox
  | WebhookRepository
  | MembershipExpiries
  | PublicUrl
