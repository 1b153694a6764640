export { layerLog } from "./LogMailer.ts"
export { InvalidSmtpUrl, layer, make, type SmtpConfig } from "./SmtpMailer.ts"
export { escapeHtml } from "./templates/escapeHtml.ts"
export { type InvitationContent, invitationMessage, renderInvitation } from "./templates/invitation.ts"
export {
  emailVerificationMessage,
  passwordResetMessage,
  type RecoveryContent,
  renderEmailVerification,
  renderPasswordReset
} from "./templates/recovery.ts"
