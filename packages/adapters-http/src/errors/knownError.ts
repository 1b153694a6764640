import type {
  AlreadyMember,
  CannotChangeOwnRole,
  CannotDeleteSelf,
  CannotDisableSelf,
  CannotEditOwnAdminFields,
  ConfirmationMismatch,
  CredentialsInvalid,
  CredentialsLocked,
  DeliveryNotFound,
  DepartmentNotFound,
  EmailImmutable,
  EmailTaken,
  EshopAlreadyActive,
  EshopCustomerCodeMissing,
  EshopMemberInactive,
  EshopNotConfigured,
  EshopNotInvited,
  EshopTagConflict,
  ExternalCredentialsRequired,
  ExternalSystemNotFound,
  Forbidden,
  GroupNotFound,
  ImportFailed,
  IndividualAccount,
  InvalidBase32,
  InvalidCredentials,
  InvalidCurrentPassword,
  InvalidInput,
  InvalidStatusTransition,
  InvalidTotpCode,
  LastAdmin,
  MailDeliveryFailed,
  MembershipNotFound,
  MfaRequired,
  NameTaken,
  OrganizationNotFound,
  OrganizationSlugTaken,
  OutboundCallFailed,
  OutboundUrlRefused,
  PasswordPolicyViolation,
  RoleEscalation,
  RoleNotFound,
  SecretBoxError,
  SessionNotFound,
  ShopifyRejected,
  ShopifyUnavailable,
  SlugImmutable,
  SlugTaken,
  StoreUnavailable,
  TenantNotFound,
  TokenExpired,
  TokenInvalid,
  TokenUsed,
  TooManyAttempts,
  TotpAlreadyEnabled,
  TotpNotEnabled,
  TotpNotPending,
  UserNotAddable,
  UserNotFound,
  UserNotPending,
  VerifierNotConfigured,
  VerifierUnavailable,
  VersionConflict,
  WebhookNotFound,
  WebhookRejected
} from "@gatehouse/domain"
import type {
  PreconditionRequired,
  Unauthenticated,
  WebhookDeferred,
  WebhookMalformed,
  WebhookUnknown
} from "./httpErrors.ts"

/** Every tagged failure a use case (or this adapter) can produce. */
export type KnownError =
  | AlreadyMember
  | CannotChangeOwnRole
  | CannotDeleteSelf
  | CannotDisableSelf
  | CannotEditOwnAdminFields
  | ConfirmationMismatch
  | CredentialsInvalid
  | CredentialsLocked
  | DepartmentNotFound
  | EmailImmutable
  | EmailTaken
  | EshopAlreadyActive
  | EshopCustomerCodeMissing
  | EshopMemberInactive
  | EshopNotConfigured
  | EshopNotInvited
  | EshopTagConflict
  | ExternalCredentialsRequired
  | ExternalSystemNotFound
  | Forbidden
  | GroupNotFound
  | ImportFailed
  | IndividualAccount
  | InvalidBase32
  | InvalidCredentials
  | InvalidCurrentPassword
  | InvalidInput
  | InvalidStatusTransition
  | InvalidTotpCode
  | LastAdmin
  | MailDeliveryFailed
  | MembershipNotFound
  | MfaRequired
  | NameTaken
  | OrganizationNotFound
  | OrganizationSlugTaken
  | OutboundCallFailed
  | OutboundUrlRefused
  | PasswordPolicyViolation
  | PreconditionRequired
  | RoleEscalation
  | RoleNotFound
  | SecretBoxError
  | SessionNotFound
  | ShopifyRejected
  | ShopifyUnavailable
  | SlugImmutable
  | SlugTaken
  | StoreUnavailable
  | TenantNotFound
  | TokenExpired
  | TokenInvalid
  | TokenUsed
  | TooManyAttempts
  | TotpAlreadyEnabled
  | TotpNotEnabled
  | TotpNotPending
  | Unauthenticated
  | UserNotAddable
  | UserNotFound
  | UserNotPending
  | VerifierNotConfigured
  | VerifierUnavailable
  | VersionConflict
  | WebhookNotFound
  | DeliveryNotFound
  | WebhookDeferred
  | WebhookMalformed
  | WebhookRejected
  | WebhookUnknown
