import {
  type SessionScope as DomainSessionScope,
  Email,
  Membership,
  Organization,
  RuleResult,
  SessionId,
  Tenant,
  TenantId,
  TenantSlug,
  User,
  UserId,
  UserView
} from "@gatehouse/domain"
import { Schema, Struct } from "effect"
import { CredentialFeature } from "./requests.ts"

// Response bodies. Most are the domain's own Schemas; the ones below exist because the use case returns a
// plain interface (or a Redacted secret the contract hands out), and are built from the domain's fields.

/** A paged list: `{ items, total, nextCursor }` (`total` counts the whole filter). */
export const page = <S extends Schema.Top>(item: S) =>
  Schema.Struct({
    items: Schema.Array(item),
    total: Schema.Int,
    nextCursor: Schema.NullOr(Schema.String)
  })

/** A catalogue list (roles, groups, departments): the same shape, on one page. */
export const list = page

const SecretString = Schema.String

export const SessionScope: Schema.Codec<DomainSessionScope> = Schema.Literals([
  "full",
  "password_change",
  "mfa_enrollment"
])

/** A session as its owner or an admin sees it: never the hash of its secret. */
export const SessionInfo = Schema.Struct({
  id: SessionId,
  tenantId: TenantId,
  userId: UserId,
  scope: SessionScope,
  createdAt: Schema.Date,
  lastSeenAt: Schema.Date,
  expiresAt: Schema.Date,
  revokedAt: Schema.NullOr(Schema.Date)
})

/** One of the caller's own sessions: `current` marks the one this request came with ("this device"). */
export const MySessionInfo = Schema.Struct({ ...SessionInfo.fields, current: Schema.Boolean })

/** `POST /v1/auth/login`. */
export const LoginResponse = Schema.Struct({
  /** `<id>.<secret>`: the bearer token (also set as the `gatehouse_session` cookie). */
  token: SecretString,
  session: Schema.Struct({ id: SessionId, scope: SessionScope, expiresAt: Schema.Date }),
  user: Schema.Struct(Struct.omit(UserView.fields, ["adminNotes"]))
})

/** A user as a tenant admin sees them outside the user routes: never admin notes. */
export const StaffUser = Schema.Struct(Struct.omit(UserView.fields, ["adminNotes"]))

const MEMBERSHIP_VIEW = ["id", "email", "firstName", "lastName", "displayName"] as const

/**
 * A member: an organization's own Admin gets only `id`, `email` and the names (the membership view); a tenant
 * admin gets every field of `StaffUser`.
 */
export const MemberUser = Schema.Struct(Struct.mapOmit(StaffUser.fields, MEMBERSHIP_VIEW, Schema.optionalKey))

/** The one-time setup link of a new or pending user, with its expiry. */
const SetupLinkFields = {
  setupUrl: Schema.optionalKey(SecretString),
  expiresAt: Schema.optionalKey(Schema.Date),
  /** False when the invitation email could not be sent (pass the link on yourself). */
  emailSent: Schema.optionalKey(Schema.Boolean)
}

/** `POST /v1/users` -> 201. */
export const CreatedUserResponse = Schema.Struct({
  user: UserView,
  generatedPassword: Schema.optionalKey(SecretString),
  ...SetupLinkFields
})

/** `POST /v1/tenants` -> 201. */
export const CreatedTenantResponse = Schema.Struct({
  tenant: Tenant,
  admin: StaffUser,
  generatedPassword: Schema.optionalKey(SecretString),
  ...SetupLinkFields
})

/** `POST /v1/organizations/{orgId}/members` -> 201. */
export const AddedMemberResponse = Schema.Struct({
  membership: Membership,
  user: MemberUser,
  /** Whether the person was new to the tenant (created pending). */
  created: Schema.Boolean,
  ...SetupLinkFields
})

/** One row of `GET /v1/organizations/{orgId}/members`. */
export const MemberEntry = Schema.Struct({
  user: MemberUser,
  membership: Membership,
  inEffect: Schema.Boolean
})

/**
 * One row of `GET /v1/memberships` (every organization's): the user's names and email, the organization's name,
 * portal slug and status (an inactive organization's memberships grant nothing), the role, the membership's
 * active flag and expiry, and whether it grants its role at the time of the read.
 */
export const MembershipListEntry = Schema.Struct({
  user: Schema.Struct(Struct.pick(User.fields, ["id", "firstName", "lastName", "displayName", "email"])),
  organization: Schema.Struct(Struct.pick(Organization.fields, ["id", "name", "slug", "status"])),
  role: Membership.fields.role,
  active: Membership.fields.active,
  expiresAt: Membership.fields.expiresAt,
  inEffect: Schema.Boolean,
  createdAt: Membership.fields.createdAt
})

/** `POST /v1/users/{id}/setup-link`. */
export const SetupLinkResponse = Schema.Struct({
  setupUrl: SecretString,
  expiresAt: Schema.Date,
  emailSent: Schema.Boolean
})

/** `POST /v1/users/{id}/password`: the generated password, shown once. */
export const PasswordResetResponse = Schema.Struct({ generatedPassword: Schema.optionalKey(SecretString) })

export const PasswordCheckResponse = Schema.Struct({ ok: Schema.Boolean, results: Schema.Array(RuleResult) })

/** `POST /v1/me/mfa/totp`. */
export const TotpSecretResponse = Schema.Struct({ secret: SecretString, otpauthUri: SecretString })

/** `POST /v1/me/mfa/totp/confirm`. */
export const RecoveryCodesResponse = Schema.Struct({ recoveryCodes: Schema.Array(SecretString) })

/** `POST /v1/setup/start`. */
export const SetupStartedResponse = Schema.Struct({
  email: Email,
  firstName: Schema.String,
  lastName: Schema.String,
  tenant: Schema.Struct({ name: Tenant.fields.name, slug: TenantSlug, preset: Tenant.fields.preset }),
  passwordPolicy: Tenant.fields.passwordPolicy,
  requiresTotp: Schema.Boolean,
  totp: Schema.optionalKey(TotpSecretResponse)
})

/** `POST /v1/auth/password-reset/start`. */
export const PasswordResetStartedResponse = Schema.Struct({
  email: Email,
  firstName: Schema.String,
  lastName: Schema.String,
  tenant: Schema.Struct({ name: Tenant.fields.name, slug: TenantSlug, preset: Tenant.fields.preset }),
  passwordPolicy: Tenant.fields.passwordPolicy,
  hasMfa: Schema.Boolean
})

/** `POST /v1/setup/complete`. */
export const SetupCompletedResponse = Schema.Struct({
  userId: UserId,
  email: Email,
  recoveryCodes: Schema.optionalKey(Schema.Array(SecretString))
})

const CredentialStatus = Schema.Literals(["saved", "connected"])

/** What an admin sees of a user's external credentials: presence and status, never the password. */
export const ExternalCredentialSummary = Schema.Struct({
  system: Schema.String,
  present: Schema.Boolean,
  username: Schema.NullOr(Schema.String),
  status: Schema.NullOr(CredentialStatus),
  updatedAt: Schema.NullOr(Schema.Date)
})

/** The owner's view, with the lock of the tenant's default credentials. */
export const MyExternalCredentials = Schema.Struct({
  ...ExternalCredentialSummary.fields,
  locked: Schema.Boolean,
  message: Schema.NullOr(Schema.String)
})

export const ExternalCredentialStatusResponse = Schema.Struct({ status: CredentialStatus })

/**
 * `GET /v1/me/external-credentials/{system}/access`: which login a feature would use, the tenant's default or
 * the user's own. Never the password: it has no field here.
 */
export const ExternalCredentialAccessResponse = Schema.Struct({
  system: Schema.String,
  feature: CredentialFeature,
  source: Schema.Literals(["own", "tenantDefault"]),
  username: Schema.String
})

/** The tenant's settings for an outside system: the default password is write-only. */
export const ExternalCredentialSettingsResponse = Schema.Struct({
  system: Schema.String,
  verifyUrl: Schema.NullOr(Schema.String),
  defaultCredentials: Schema.NullOr(Schema.Struct({ username: Schema.String }))
})

export const SessionsEndedResponse = Schema.Struct({ ended: Schema.Int })
export const SetupLinksRevokedResponse = Schema.Struct({ revoked: Schema.Int })

export const HealthResponse = Schema.Struct({ status: Schema.Literals(["ok", "ready", "unavailable"]) })

/** An RFC 9457 problem, for the OpenAPI document (the error handler builds the bodies). */
export const ProblemSchema = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.String,
  code: Schema.String,
  errors: Schema.optionalKey(Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })))
})
