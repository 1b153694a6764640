import type { KnownError } from "./knownError.ts"
import type { ProblemEntry } from "./problemEntry.ts"
import { requestProblems } from "./requestProblems.ts"

type Table = {
  readonly [Tag in KnownError["_tag"]]: ProblemEntry<Extract<KnownError, { readonly _tag: Tag }>>
}

const notFound = (what: string): ProblemEntry<unknown> => ({
  status: 404,
  code: "NOT_FOUND",
  title: "Not found",
  detail: `The ${what} does not exist.`
})

// Every 401 names the scheme to use (RFC 9110 15.5.2).
const challenge = () => ({ "WWW-Authenticate": 'Bearer realm="gatehouse"' })

const OUTBOUND_REASONS = {
  invalid_url: "The server calls only absolute URLs without credentials",
  scheme: "The server calls only https URLs (http only to hosts on GATEHOUSE_OUTBOUND_ALLOW)",
  address: "The URL's host is or resolves to a loopback, private, link-local or otherwise non-public address",
  unresolved: "The URL's host name does not resolve",
  redirect: "The URL answered with a redirect, which the server does not follow"
} as const

/**
 * THE table from a failure's `_tag` to its HTTP answer. Checked complete by the compiler for `KnownError`
 * and by a test against every error class the domain exports.
 */
export const problemTable: Table = {
  // authentication
  InvalidCredentials: {
    status: 401,
    code: "INVALID_CREDENTIALS",
    title: "Invalid credentials",
    // One text for unknown tenant, unknown email, wrong password and blocked account (ASVS 6.3.8).
    detail: "The tenant, email or password is not correct, or the account cannot sign in.",
    headers: challenge
  },
  MfaRequired: {
    status: 401,
    code: "MFA_REQUIRED",
    title: "Second factor required",
    detail: "Send the code from your authenticator app (or a recovery code) as `totp`.",
    headers: challenge
  },
  TooManyAttempts: {
    status: 429,
    code: "TOO_MANY_ATTEMPTS",
    title: "Too many attempts",
    detail: "Too many failed attempts for this account; wait before trying again.",
    headers: (e) => ({ "Retry-After": String(Math.max(1, e.retryAfterSeconds)) })
  },
  InvalidCurrentPassword: {
    status: 422,
    code: "INVALID_CURRENT_PASSWORD",
    title: "Current password is wrong",
    detail: "The current password is not correct."
  },
  Unauthenticated: {
    status: 401,
    code: "UNAUTHENTICATED",
    title: "Unauthenticated",
    detail: "The session is missing, invalid or has ended; log in again.",
    headers: challenge
  },
  InvalidTotpCode: {
    status: 422,
    code: "INVALID_TOTP_CODE",
    title: "Invalid code",
    detail: "The code is wrong, already used or expired."
  },
  TotpAlreadyEnabled: {
    status: 409,
    code: "TOTP_ALREADY_ENABLED",
    title: "TOTP already enabled",
    detail: "An authenticator is already enrolled; turn it off first."
  },
  TotpNotPending: {
    status: 409,
    code: "TOTP_NOT_PENDING",
    title: "No enrolment pending",
    detail: "Start a TOTP enrolment first."
  },
  TotpNotEnabled: {
    status: 409,
    code: "TOTP_NOT_ENABLED",
    title: "TOTP not enabled",
    detail: "No authenticator is enrolled."
  },

  // authorization and the rules of the domain
  Forbidden: { status: 403, code: "FORBIDDEN", title: "Forbidden", detail: (e) => e.reason },
  CannotChangeOwnRole: {
    status: 403,
    code: "CANNOT_CHANGE_OWN_ROLE",
    title: "Cannot change own role",
    detail: "Nobody can change their own role."
  },
  CannotDisableSelf: {
    status: 403,
    code: "CANNOT_DISABLE_SELF",
    title: "Cannot disable self",
    detail: "Nobody can disable, deactivate or expire their own access."
  },
  CannotEditOwnAdminFields: {
    status: 403,
    code: "CANNOT_EDIT_OWN_ADMIN_FIELDS",
    title: "Cannot edit own admin fields",
    detail: (e) => `Nobody can change their own ${e.fields.join(", ")}: another administrator does.`,
    extensions: (e) => ({ fields: e.fields })
  },
  UserNotAddable: {
    status: 403,
    code: "USER_NOT_ADDABLE",
    title: "User not addable",
    detail: (e) =>
      `This email belongs to a user of the tenant who is not a "${e.memberRole}"; only a tenant administrator ` +
      "can add them to an organization.",
    extensions: (e) => ({ memberRole: e.memberRole })
  },
  CannotDeleteSelf: {
    status: 403,
    code: "CANNOT_DELETE_SELF",
    title: "Cannot delete self",
    detail: "Nobody can delete or remove themselves."
  },
  RoleEscalation: {
    status: 403,
    code: "ROLE_ESCALATION",
    title: "Role escalation",
    detail: "You cannot grant a role or permission you do not hold yourself.",
    extensions: (e) => ({ missing: e.missing })
  },
  EmailImmutable: {
    status: 422,
    code: "EMAIL_IMMUTABLE",
    title: "Email is immutable",
    detail: "A user's email cannot be changed."
  },
  LastAdmin: {
    status: 409,
    code: "LAST_ADMIN",
    title: "Last admin",
    // The role by its name in the tenant's catalogue: a puqcloud client keeps an "Owner", not an "Admin".
    detail: (e) =>
      `The ${e.scope} must keep at least one active ${
        e.roles.length === 0 ? (e.scope === "tenant" ? "administrator" : "Admin") : e.roles.join(" or ")
      }.`,
    extensions: (e) => ({ scope: e.scope, roles: e.roles })
  },
  InvalidStatusTransition: {
    status: 409,
    code: "INVALID_STATUS_TRANSITION",
    title: "Invalid status transition",
    detail: (e) => `A ${e.from} user cannot become ${e.to}.`,
    extensions: (e) => ({ from: e.from, to: e.to })
  },

  // validation
  InvalidInput: {
    status: 400,
    code: "VALIDATION",
    title: "Validation failed",
    detail: "The request is not valid; see `errors`.",
    extensions: (e) => ({ errors: e.errors })
  },
  PasswordPolicyViolation: {
    status: 422,
    code: "PASSWORD_POLICY",
    title: "Password policy",
    detail: "The password does not satisfy the password policy; see `rules`.",
    extensions: (e) => ({ rules: e.failures })
  },

  // conflicts
  EmailTaken: {
    status: 409,
    code: "EMAIL_TAKEN",
    title: "Email taken",
    detail: "A user with this email already exists."
  },
  SlugTaken: {
    status: 409,
    code: "SLUG_TAKEN",
    title: "Slug taken",
    detail: "A tenant with this slug already exists."
  },
  OrganizationSlugTaken: {
    status: 409,
    code: "SLUG_TAKEN",
    title: "Slug taken",
    detail: (e) => `An organization of this tenant already has the slug "${e.slug}".`,
    // the console shows it next to the slug field
    extensions: () => ({ errors: [{ path: "slug", message: "Already taken by another organization" }] })
  },
  SlugImmutable: {
    status: 409,
    code: "SLUG_IMMUTABLE",
    title: "Slug immutable",
    detail: (e) =>
      `The organization has members, whose portal address is /portal/${e.slug}: its slug can no longer change.`
  },
  IndividualAccount: {
    status: 409,
    code: "INDIVIDUAL_ACCOUNT",
    title: "Individual account",
    detail:
      "An individual customer account has no member management; a tenant administrator manages its members."
  },
  AlreadyMember: {
    status: 409,
    code: "ALREADY_MEMBER",
    title: "Already a member",
    detail: "This person is already a member of the organization."
  },
  NameTaken: {
    status: 409,
    code: "NAME_TAKEN",
    title: "Name taken",
    detail: (e) => `A ${e.kind} with this name already exists.`
  },
  VersionConflict: {
    status: 412,
    code: "VERSION_CONFLICT",
    title: "Version conflict",
    detail: "The resource changed since you read it; read it again and retry."
  },
  PreconditionRequired: {
    status: 428,
    code: "PRECONDITION_REQUIRED",
    title: "Precondition required",
    detail: (e) => `Send the ${e.header} header with the ETag you read.`
  },
  UserNotPending: {
    status: 409,
    code: "USER_NOT_PENDING",
    title: "User not pending",
    detail: "Setup links exist only for users who have not completed setup."
  },

  // setup tokens
  TokenInvalid: {
    status: 404,
    code: "TOKEN_INVALID",
    title: "Invalid token",
    detail: "The link is not valid, or a newer one replaced it."
  },
  TokenUsed: {
    status: 410,
    code: "TOKEN_USED",
    title: "Token used",
    detail: "The link was already used."
  },
  TokenExpired: {
    status: 410,
    code: "TOKEN_EXPIRED",
    title: "Token expired",
    detail: "The link has expired; ask for a new one."
  },

  // external credentials
  CredentialsInvalid: {
    status: 422,
    code: "CREDENTIALS_INVALID",
    title: "Credentials refused",
    detail: "The external system refused the username and password; nothing was saved."
  },
  VerifierNotConfigured: {
    status: 409,
    code: "VERIFIER_NOT_CONFIGURED",
    title: "Verification not configured",
    detail:
      "This tenant has not configured where these credentials are verified; save them without validation."
  },
  VerifierUnavailable: {
    status: 502,
    code: "VERIFIER_UNAVAILABLE",
    title: "Verification unavailable",
    detail: "The credentials could not be verified now; nothing was saved."
  },
  CredentialsLocked: {
    status: 409,
    code: "CREDENTIALS_LOCKED",
    title: "Credentials locked",
    detail: (e) => e.message
  },
  ExternalCredentialsRequired: {
    status: 409,
    code: "EXTERNAL_CREDENTIALS_REQUIRED",
    title: "External credentials required",
    detail: (e) => e.reason
  },

  // not found: another tenant's id reads exactly like a missing one (rule 1)
  TenantNotFound: notFound("tenant"),
  UserNotFound: notFound("user"),
  OrganizationNotFound: notFound("organization"),
  MembershipNotFound: notFound("membership"),
  GroupNotFound: notFound("group"),
  DepartmentNotFound: notFound("department"),
  RoleNotFound: notFound("role"),
  SessionNotFound: notFound("session"),
  ExternalSystemNotFound: notFound("external system"),
  WebhookNotFound: notFound("webhook"),
  DeliveryNotFound: notFound("delivery"),

  // users import and bulk actions
  ImportFailed: {
    status: 422,
    code: "IMPORT_FAILED",
    title: "Import failed",
    detail: "Some rows failed, so nothing was written; see `failed`.",
    // the same report a successful import answers: created, updated, failed, failedRows
    extensions: (e) => ({ ...e.report })
  },
  ConfirmationMismatch: {
    status: 422,
    code: "CONFIRMATION_MISMATCH",
    title: "Confirmation mismatch",
    detail: "`confirm` must equal the number of users selected; nothing was deleted.",
    extensions: (e) => ({ expected: e.expected })
  },

  // eShop access
  EshopTagConflict: {
    status: 409,
    code: "ESHOP_TAG_CONFLICT",
    title: "eShop tag conflict",
    detail: (e) => e.message
  },
  EshopNotConfigured: {
    status: 409,
    code: "ESHOP_NOT_CONFIGURED",
    title: "eShop not configured",
    detail: "The tenant has no Shopify store connected."
  },
  EshopCustomerCodeMissing: {
    status: 409,
    code: "ESHOP_CUSTOMER_CODE_MISSING",
    title: "Customer code missing",
    detail: "The organization has no PIMS customer code, so no store access can be granted."
  },
  EshopNotInvited: {
    status: 409,
    code: "ESHOP_NOT_INVITED",
    title: "Not invited",
    detail: "The member has no pending store invitation.",
    extensions: (e) => ({ eshopStatus: e.status })
  },
  EshopAlreadyActive: {
    status: 409,
    code: "ESHOP_ALREADY_ACTIVE",
    title: "Already active",
    detail: "The member's store account is already active."
  },
  EshopMemberInactive: {
    status: 409,
    code: "ESHOP_MEMBER_INACTIVE",
    title: "Member inactive",
    detail: "The membership or the user is not active, so no store access is granted."
  },
  ShopifyUnavailable: {
    status: 502,
    code: "SHOPIFY_UNAVAILABLE",
    title: "Store unavailable",
    detail: "The Shopify store did not answer; try again later."
  },
  ShopifyRejected: {
    status: 502,
    code: "SHOPIFY_REJECTED",
    title: "Store refused",
    detail: "The Shopify store refused the request; check the store connection settings."
  },

  // outbound calls (DESIGN.md, "Outbound calls")
  OutboundUrlRefused: {
    status: 422,
    code: "OUTBOUND_URL_REFUSED",
    title: "URL refused",
    detail: (e) => `${OUTBOUND_REASONS[e.reason]}${e.host === "" ? "" : ` (host ${e.host})`}.`,
    extensions: (e) => ({
      reason: e.reason,
      ...(e.path === undefined ? {} : { errors: [{ path: e.path, message: OUTBOUND_REASONS[e.reason] }] })
    })
  },
  OutboundCallFailed: {
    status: 502,
    code: "OUTBOUND_CALL_FAILED",
    title: "Outside system unavailable",
    detail: "The configured outside system did not answer in time; try again later."
  },

  // the Shopify webhook route (its caller is Shopify: a 2xx acknowledges, anything else is retried)
  WebhookUnknown: {
    status: 404,
    code: "NOT_FOUND",
    title: "Not found",
    detail: "No store webhook is configured at this address."
  },
  // the domain's refusal of a Shopify webhook (a malformed one is mapped to WebhookMalformed by the route)
  WebhookRejected: {
    status: 401,
    code: "WEBHOOK_REFUSED",
    title: "Webhook refused",
    // one text for a wrong or missing signature, another store and no secret: nothing to probe with
    detail: "The webhook signature is missing or not valid for this store.",
    headers: () => ({ "WWW-Authenticate": 'HMAC-SHA256 realm="shopify-webhook"' })
  },
  WebhookMalformed: {
    status: 400,
    code: "WEBHOOK_MALFORMED",
    title: "Malformed webhook",
    detail: "The webhook has no webhook id or no customer id."
  },
  WebhookDeferred: {
    status: 503,
    code: "WEBHOOK_DEFERRED",
    title: "Try again later",
    detail: "The webhook could not be processed now; deliver it again later.",
    headers: () => ({ "Retry-After": "60" })
  },

  // infrastructure
  StoreUnavailable: {
    status: 503,
    code: "STORE_UNAVAILABLE",
    title: "Service unavailable",
    detail: "The service is temporarily unavailable; try again shortly.",
    headers: () => ({ "Retry-After": "5" })
  },
  InvalidBase32: requestProblems.internal,
  SecretBoxError: requestProblems.internal,
  MailDeliveryFailed: requestProblems.internal
}

/** The entry of a failure's tag, if it is one of ours. */
export const problemEntryOf = (tag: string): ProblemEntry<unknown> | undefined =>
  (problemTable as unknown as Readonly<Record<string, ProblemEntry<unknown>>>)[tag]
