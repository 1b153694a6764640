import {
  type AddedMember,
  type CreatedTenant,
  type CreatedUser,
  type LoginResult,
  type PasswordReset,
  type SetupCompleted,
  type SetupLink,
  type SetupStarted,
  type TotpEnabled,
  type TotpEnrollmentStarted,
  toMemberUser,
  toUserView
} from "@gatehouse/domain"
import type {
  AddedMemberResponse,
  CreatedTenantResponse,
  CreatedUserResponse,
  LoginResponse,
  PasswordResetResponse,
  RecoveryCodesResponse,
  SetupCompletedResponse,
  SetupLinkResponse,
  SetupStartedResponse,
  TotpSecretResponse
} from "../schema/responses.ts"
import { reveal, revealOptional, setupLinkFields } from "./secrets.ts"

// Domain results -> response values. Only here are secrets unwrapped, and only those the contract returns;
// users pass through the domain's views (never the password hash; admin notes where the domain put them).

export const loginResponse = (result: LoginResult): typeof LoginResponse.Type => ({
  token: reveal(result.token),
  session: { id: result.session.id, scope: result.session.scope, expiresAt: result.session.expiresAt },
  user: toUserView(result.user, { includeAdminNotes: false })
})

export const createdUserResponse = (created: CreatedUser): typeof CreatedUserResponse.Type => ({
  user: created.user,
  ...revealOptional("generatedPassword", created.generatedPassword),
  ...setupLinkFields(created)
})

export const createdTenantResponse = (created: CreatedTenant): typeof CreatedTenantResponse.Type => ({
  tenant: created.tenant,
  admin: toMemberUser(created.admin),
  ...revealOptional("generatedPassword", created.generatedPassword),
  ...setupLinkFields(created)
})

export const addedMemberResponse = (added: AddedMember): typeof AddedMemberResponse.Type => ({
  membership: added.membership,
  user: added.user,
  created: added.created,
  ...setupLinkFields(added)
})

export const passwordResetResponse = (reset: PasswordReset): typeof PasswordResetResponse.Type =>
  revealOptional("generatedPassword", reset.generatedPassword)

export const setupLinkResponse = (link: SetupLink): typeof SetupLinkResponse.Type => ({
  setupUrl: reveal(link.setupUrl),
  expiresAt: link.expiresAt,
  emailSent: link.emailSent
})

export const totpSecretResponse = (started: TotpEnrollmentStarted): typeof TotpSecretResponse.Type => ({
  secret: reveal(started.secret),
  otpauthUri: reveal(started.otpauthUri)
})

export const recoveryCodesResponse = (enabled: TotpEnabled): typeof RecoveryCodesResponse.Type => ({
  recoveryCodes: enabled.recoveryCodes.map(reveal)
})

export const setupStartedResponse = (started: SetupStarted): typeof SetupStartedResponse.Type => ({
  email: started.email,
  firstName: started.firstName,
  lastName: started.lastName,
  tenant: started.tenant,
  passwordPolicy: started.passwordPolicy,
  requiresTotp: started.requiresTotp,
  ...(started.totp === undefined ? {} : { totp: totpSecretResponse(started.totp) })
})

export const setupCompletedResponse = (completed: SetupCompleted): typeof SetupCompletedResponse.Type => ({
  userId: completed.userId,
  email: completed.email,
  ...(completed.recoveryCodes === undefined ? {} : { recoveryCodes: completed.recoveryCodes.map(reveal) })
})
