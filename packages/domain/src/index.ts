/**
 * The public API of `@gatehouse/domain`, chosen: the model, the errors, the ports an adapter implements, the
 * presets, the rules the stores share and the use cases with their inputs, views and settings. Building blocks
 * of the use cases (`transactional`, `audit`, `newUuid`, the attempt reservations, ...) stay inside; a test
 * (`test/publicApi.test.ts`) compares the exported values with `public-api.txt`, so a change of this surface
 * is a reviewed change. Types are exported whole (`export type *`): they carry no behaviour.
 */

export type * from "./bytes/constantTimeEqual.ts"
// Errors
export type * from "./errors/index.ts"
export {
  AlreadyMember,
  CannotChangeOwnRole,
  CannotDeleteSelf,
  CannotDisableSelf,
  CannotEditOwnAdminFields,
  DeliveryNotFound,
  DepartmentNotFound,
  EmailImmutable,
  EmailTaken,
  Forbidden,
  GroupNotFound,
  IndividualAccount,
  InvalidInput,
  InvalidStatusTransition,
  LastAdmin,
  MembershipNotFound,
  NameTaken,
  OrganizationNotFound,
  OrganizationSlugTaken,
  PasswordPolicyViolation,
  RoleEscalation,
  RoleNotFound,
  RuleResult,
  SlugImmutable,
  SlugTaken,
  StoreUnavailable,
  TenantNotFound,
  UserNotAddable,
  UserNotFound,
  VersionConflict,
  WebhookNotFound
} from "./errors/index.ts"
// The model: identifiers, entities and their schemas
export type * from "./model/actor.ts"
export { platformActor, userActor } from "./model/actor.ts"
export type * from "./model/audit.ts"
export { AuditActorKind, AuditEvent } from "./model/audit.ts"
export type * from "./model/cursor.ts"
export { CursorPosition, CursorText, decodeCursor, encodeCursor, parseCursor } from "./model/cursor.ts"
export type * from "./model/email.ts"
export { Email, emailLocalPart } from "./model/email.ts"
export type * from "./model/event.ts"
export { ChangeEvent, EVENT_TYPES, EventActor, EventType, eventTypeOf, toEventData } from "./model/event.ts"
export type * from "./model/group.ts"
export { Department, Group, GroupName } from "./model/group.ts"
export type * from "./model/ids.ts"
export {
  AuditEventId,
  DeliveryId,
  DepartmentId,
  EventId,
  GroupId,
  InvitationId,
  OneTimeTokenId,
  OrganizationId,
  SessionId,
  TenantId,
  UserId,
  WebhookId
} from "./model/ids.ts"
export type * from "./model/language.ts"
export { Language } from "./model/language.ts"
export type * from "./model/membership.ts"
export { isInEffect, Membership } from "./model/membership.ts"
export type * from "./model/newId.ts"
export type * from "./model/organization.ts"
export {
  CompanyName,
  ORGANIZATION_SLUG_MAX,
  Organization,
  OrganizationKind,
  OrganizationName,
  OrganizationSlug,
  OrganizationStatus,
  TaxId
} from "./model/organization.ts"
export type * from "./model/origin.ts"
export { originKey, UNKNOWN_ORIGIN } from "./model/origin.ts"
export type * from "./model/page.ts"
export { DEFAULT_PAGE_LIMIT, PageLimit } from "./model/page.ts"
export type * from "./model/password.ts"
export { PlainPassword } from "./model/password.ts"
export type * from "./model/permission.ts"
export {
  ALL_PERMISSIONS,
  MODULE_PERMISSIONS,
  ModulePermission,
  ORGANIZATION_PERMISSIONS,
  Permission,
  TENANT_PERMISSIONS
} from "./model/permission.ts"
export type * from "./model/phone.ts"
export { PhoneNumber } from "./model/phone.ts"
export type * from "./model/role.ts"
export { Role, RoleName, RoleScope } from "./model/role.ts"
export type * from "./model/tenant.ts"
export { PresetName, Tenant, TenantName, TenantSettings, TenantSlug } from "./model/tenant.ts"
export type * from "./model/text.ts"
export { isFreeText, isSingleLineText, SearchText } from "./model/text.ts"
export type * from "./model/user.ts"
export { AdminNotes, fullName, PersonName, User, UserKind, UserStatus } from "./model/user.ts"
export type * from "./model/webhook.ts"
export {
  Delivery,
  DeliveryStatus,
  subscribes,
  Webhook,
  WebhookDescription,
  WebhookEvents,
  WebhookUrl
} from "./model/webhook.ts"
// Password and TOTP rules
export type * from "./password/index.ts"
export {
  applicableMinLength,
  evaluateRules,
  generatePassword,
  nistPolicy,
  PasswordPolicy,
  productPolicy
} from "./password/index.ts"
// Ports: what an adapter implements
export type * from "./ports/ActorDirectory.ts"
export { ActorDirectory } from "./ports/ActorDirectory.ts"
export type * from "./ports/AuditLog.ts"
export { AuditLog } from "./ports/AuditLog.ts"
export type * from "./ports/CatalogueStore.ts"
export type * from "./ports/DepartmentRepository.ts"
export { DepartmentRepository } from "./ports/DepartmentRepository.ts"
export type * from "./ports/ExternalCredentialRepository.ts"
export {
  ExternalCredentialRepository,
  externalCredentialAad,
  externalDefaultCredentialAad
} from "./ports/ExternalCredentialRepository.ts"
export type * from "./ports/ExternalCredentialsVerifier.ts"
export { ExternalCredentialsVerifier } from "./ports/ExternalCredentialsVerifier.ts"
export type * from "./ports/FailedAttempts.ts"
export { FailedAttempts } from "./ports/FailedAttempts.ts"
export type * from "./ports/GroupRepository.ts"
export { GroupRepository } from "./ports/GroupRepository.ts"
export type * from "./ports/InvitationRepository.ts"
export { InvitationRepository } from "./ports/InvitationRepository.ts"
export type * from "./ports/Mailer.ts"
export { MailDeliveryFailed, Mailer } from "./ports/Mailer.ts"
export type * from "./ports/MembershipExpiries.ts"
export { MembershipExpiries } from "./ports/MembershipExpiries.ts"
export type * from "./ports/MembershipRepository.ts"
export { MembershipRepository } from "./ports/MembershipRepository.ts"
export type * from "./ports/OneTimeTokenRepository.ts"
export { OneTimeTokenRepository } from "./ports/OneTimeTokenRepository.ts"
export type * from "./ports/OrganizationRepository.ts"
export { OrganizationRepository } from "./ports/OrganizationRepository.ts"
export type * from "./ports/OutboundCalls.ts"
export {
  OutboundCallFailed,
  OutboundCalls,
  OutboundRefusalReason,
  OutboundUrlRefused
} from "./ports/OutboundCalls.ts"
export type * from "./ports/Outbox.ts"
export { Outbox } from "./ports/Outbox.ts"
export type * from "./ports/PasswordBlocklist.ts"
export { PasswordBlocklist } from "./ports/PasswordBlocklist.ts"
export type * from "./ports/PasswordHasher.ts"
export { PasswordHasher } from "./ports/PasswordHasher.ts"
export type * from "./ports/RoleRepository.ts"
export { RoleRepository } from "./ports/RoleRepository.ts"
export type * from "./ports/SecretBox.ts"
export { SecretBox, SecretBoxError } from "./ports/SecretBox.ts"
export type * from "./ports/SecureRandom.ts"
export { SecureRandom } from "./ports/SecureRandom.ts"
export type * from "./ports/SessionRepository.ts"
export { SessionRepository } from "./ports/SessionRepository.ts"
export type * from "./ports/Sha256.ts"
export { Sha256, webCryptoSha256 } from "./ports/Sha256.ts"
export type * from "./ports/ShopifyCustomers.ts"
export {
  DEFAULT_SHOPIFY_API_VERSION,
  ShopifyCustomers,
  ShopifyRejected,
  ShopifyUnavailable
} from "./ports/ShopifyCustomers.ts"
export type * from "./ports/ShopifySettingsRepository.ts"
export {
  ShopifySettingsRepository,
  shopifyAccessTokenAad,
  shopifyWebhookSecretAad
} from "./ports/ShopifySettingsRepository.ts"
export type * from "./ports/ShopifyWebhookSignature.ts"
export { ShopifyWebhookSignature } from "./ports/ShopifyWebhookSignature.ts"
export type * from "./ports/TenantOverview.ts"
export { TenantOverview, utcDays } from "./ports/TenantOverview.ts"
export type * from "./ports/TenantRepository.ts"
export { TenantRepository } from "./ports/TenantRepository.ts"
export type * from "./ports/TotpRepository.ts"
export { TotpRepository } from "./ports/TotpRepository.ts"
export type * from "./ports/Transactor.ts"
export { Transactor } from "./ports/Transactor.ts"
export type * from "./ports/UserRepository.ts"
export { UserRepository } from "./ports/UserRepository.ts"
export type * from "./ports/WebhookDeduplication.ts"
export { DEFAULT_WEBHOOK_CLAIM_TTL, WebhookDeduplication } from "./ports/WebhookDeduplication.ts"
export type * from "./ports/WebhookRepository.ts"
export { WebhookRepository } from "./ports/WebhookRepository.ts"
// Presets
export type * from "./presets/index.ts"
export { presets, puqcloud, weavestream, weevio, wetrack } from "./presets/index.ts"
// Rules shared by the stores (ordering, permissions, throttling, slugs)
export type * from "./rules/catalogueOrdering.ts"
export { catalogueNameKey, compareCatalogueEntries } from "./rules/catalogueOrdering.ts"
export type * from "./rules/membershipOrdering.ts"
export {
  compareMembershipListings,
  isAfterMembershipCursor,
  matchesMembershipQuery,
  membershipCursorId,
  membershipExpiryKey,
  parseMembershipCursorId
} from "./rules/membershipOrdering.ts"
export type * from "./rules/organizationOrdering.ts"
export {
  compareOrganizations,
  isAfterOrganizationCursor,
  organizationNameKey
} from "./rules/organizationOrdering.ts"
export type * from "./rules/organizationSlug.ts"
export { slugFromName } from "./rules/organizationSlug.ts"
export type * from "./rules/permissions.ts"
export { ORGANIZATION_ADMIN_PERMISSION, TENANT_ADMIN_PERMISSION } from "./rules/permissions.ts"
export type * from "./rules/throttle.ts"
export { afterGranted, defaultThrottlePolicy, throttleVerdict } from "./rules/throttle.ts"
export type * from "./rules/userOrdering.ts"
export { compareUsers, isAfter, matches, sortKey, userNameKey } from "./rules/userOrdering.ts"
export type * from "./totp/index.ts"
export { decodeBase32, generateTotp, InvalidBase32 } from "./totp/index.ts"
// Use cases, their inputs and views
export type * from "./usecases/audit/index.ts"
export { AuditFilter, queryAudit } from "./usecases/audit/index.ts"
export type * from "./usecases/auth/index.ts"
export {
  ChangeOwnPasswordInput,
  changeOwnPassword,
  InvalidCredentials,
  InvalidCurrentPassword,
  LoginInput,
  login,
  MfaRequired,
  ThrottleSettings,
  TooManyAttempts
} from "./usecases/auth/index.ts"
export type * from "./usecases/bulk/index.ts"
export {
  BulkAction,
  BulkUsersInput,
  bulkUsers,
  ColumnMapping,
  ConfirmationMismatch,
  IMPORT_BATCH_SIZE,
  IMPORT_FIELDS,
  ImportFailed,
  ImportFieldError,
  ImportMode,
  ImportOptions,
  ImportReport,
  ImportRowFailure,
  importUsers,
  MAX_BULK_IDS,
  MAX_LISTED_FAILURES,
  mayImportUsers
} from "./usecases/bulk/index.ts"
export type * from "./usecases/credentials/index.ts"
export {
  CredentialsInvalid,
  CredentialsLocked,
  deleteMyExternalCredentials,
  ExternalCredentialsRequired,
  ExternalPassword,
  ExternalSystemNotFound,
  ExternalUsername,
  getExternalCredentialSettings,
  getMyExternalCredentials,
  getUserExternalCredentials,
  PutExternalCredentialSettingsInput,
  PutExternalCredentialsInput,
  PutVerifyUrlInput,
  putExternalCredentialSettings,
  putMyExternalCredentials,
  requireExternalCredentials,
  setExternalCredentialsVerifyUrl,
  VerifierNotConfigured,
  VerifierUnavailable,
  VerifyUrl
} from "./usecases/credentials/index.ts"
export type * from "./usecases/departments/index.ts"
export {
  createDepartment,
  DepartmentInput,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment
} from "./usecases/departments/index.ts"
export type * from "./usecases/eshop/index.ts"
export {
  defaultTagFormats,
  ESHOP_TAG_CONFLICT_MESSAGE,
  EshopAlreadyActive,
  EshopCustomerCodeMissing,
  EshopMemberInactive,
  EshopNotConfigured,
  EshopNotInvited,
  EshopTagConflict,
  eshopActivationUrl,
  eshopAvailability,
  eshopInvitationEmail,
  eshopStatus,
  getShopifySettings,
  inviteToEshop,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  PutShopifySettingsInput,
  putShopifySettings,
  receiveShopifyWebhook,
  recordShopifyCustomerEvent,
  resendEshopInvite,
  revokeEshop,
  SHOPIFY_CUSTOMER_TOPICS,
  ShopDomain,
  ShopifyApiVersion,
  ShopifyEndpoint,
  ShopifyWebhookSecretGrace,
  TagFormat,
  WebhookRejected
} from "./usecases/eshop/index.ts"
export type * from "./usecases/groups/index.ts"
export {
  addGroupMember,
  CreateGroupInput,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  removeGroupMember,
  UpdateGroupInput,
  updateGroup
} from "./usecases/groups/index.ts"
export type * from "./usecases/invitations/index.ts"
export {
  CompleteSetupInput,
  completeSetup,
  DEFAULT_INVITATION_TTL_HOURS,
  InvitationEmailTemplate,
  issueSetupInvitation,
  PublicUrl,
  regenerateSetupLink,
  revokeSetupLink,
  SetupToken,
  StartSetupInput,
  startSetup,
  TokenExpired,
  TokenInvalid,
  TokenUsed,
  UserNotPending
} from "./usecases/invitations/index.ts"
export type * from "./usecases/memberships/index.ts"
export {
  AddMemberInput,
  addMember,
  expireMemberships,
  listMembers,
  listMemberships,
  MemberFilter,
  MembershipListFilter,
  removeMember,
  toMemberUser,
  UpdateMemberInput,
  updateMember
} from "./usecases/memberships/index.ts"
export type * from "./usecases/mfa/index.ts"
export {
  adminClearTotp,
  confirmTotpEnrollment,
  disableTotp,
  InvalidTotpCode,
  RegenerateRecoveryCodesInput,
  regenerateRecoveryCodes,
  startTotpEnrollment,
  TotpAlreadyEnabled,
  TotpCodeInput,
  TotpNotEnabled,
  TotpNotPending
} from "./usecases/mfa/index.ts"
export type * from "./usecases/organizations/index.ts"
export {
  CreateOrganizationInput,
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrganizationBySlug,
  insertOrganizationWithSlug,
  listOrganizations,
  OrganizationCodes,
  OrganizationProfile,
  UpdateOrganizationInput,
  updateOrganization
} from "./usecases/organizations/index.ts"
export type * from "./usecases/overview/index.ts"
export {
  DEFAULT_EXPIRY_WINDOW_DAYS,
  DEFAULT_SIGN_IN_DAYS,
  getSignInsPerDay,
  getUsersOverview,
  listExpiringMemberships,
  MAX_SIGN_IN_DAYS
} from "./usecases/overview/index.ts"
export type * from "./usecases/recovery/index.ts"
export {
  AccountRecoverySettings,
  backgroundDispatch,
  CompleteEmailVerificationInput,
  CompletePasswordResetInput,
  completeEmailVerification,
  completePasswordReset,
  defaultRecoveryLimits,
  EMAIL_VERIFICATION_TTL_MS,
  EmailVerificationEmailTemplate,
  emailVerificationEmail,
  getAccountRecoverySettings,
  inlineDispatch,
  OneTimeTokenInput,
  PASSWORD_RESET_TTL_MS,
  PasswordResetEmailTemplate,
  passwordResetEmail,
  RecoveryLimitSettings,
  RecoveryMailDispatch,
  RequestPasswordResetInput,
  requestEmailVerification,
  requestPasswordReset,
  StartPasswordResetInput,
  startPasswordReset,
  updateAccountRecoverySettings
} from "./usecases/recovery/index.ts"
export type * from "./usecases/roles/index.ts"
export { listRoles } from "./usecases/roles/index.ts"
export type * from "./usecases/sessions/index.ts"
export {
  authenticateSession,
  defaultSessionLifetimes,
  listMySessions,
  listUserSessions,
  logout,
  newSessionToken,
  revokeMySession,
  revokeUserSessions,
  SessionInvalid,
  SessionNotFound,
  SessionSettings,
  sessionIdOfToken
} from "./usecases/sessions/index.ts"
export type * from "./usecases/settings/index.ts"
export {
  checkPasswordForActor,
  getPasswordPolicy,
  PasswordPolicyPresetInput,
  PasswordPolicyRulesInput,
  UpdatePasswordPolicyInput,
  updatePasswordPolicy
} from "./usecases/settings/index.ts"
export type * from "./usecases/shared/ActorContext.ts"
export { authenticate } from "./usecases/shared/ActorContext.ts"
export type * from "./usecases/shared/audit.ts"
export type * from "./usecases/shared/changeEvents.ts"
export type * from "./usecases/shared/transaction.ts"
export type * from "./usecases/tenants/index.ts"
export {
  BootstrapTenantInput,
  bootstrapTenant,
  CreateTenantInput,
  createTenant,
  FirstAdminInput
} from "./usecases/tenants/index.ts"
export type * from "./usecases/users/index.ts"
export {
  CreateUserInput,
  changeRole,
  createUser,
  deactivateUser,
  deleteUser,
  disableUser,
  ExternalCredentialPresence,
  enableUser,
  getMe,
  getMeOfSession,
  getUser,
  InitialCredential,
  ListUsersQuery,
  listUsers,
  Me,
  MembershipOrganizationView,
  ResetPasswordInput,
  resetPassword,
  restoreUser,
  SELF_EDITABLE_FIELDS,
  SignInLock,
  toUserView,
  UserDetails,
  UserMembershipView,
  UserPatch,
  UserSortKey,
  UserView,
  updateOwnProfile,
  updateUser
} from "./usecases/users/index.ts"
export type * from "./usecases/webhooks/index.ts"
export {
  attemptDelivery,
  CreateWebhookInput,
  createWebhook,
  DELIVERY_TIMEOUT_MILLIS,
  defaultRetryPolicy,
  deleteWebhook,
  EventFeedRequest,
  getWebhook,
  listDeliveries,
  listEvents,
  listWebhooks,
  PREVIOUS_SECRET_GRACE_MILLIS,
  RETRY_WINDOW_MILLIS,
  recordAttempt,
  retryDelivery,
  rotateWebhookSecret,
  sendTestEvent,
  UpdateWebhookInput,
  updateWebhook
} from "./usecases/webhooks/index.ts"
// Validation
export type * from "./validation/decodeInput.ts"
export { inputDecoder } from "./validation/decodeInput.ts"
