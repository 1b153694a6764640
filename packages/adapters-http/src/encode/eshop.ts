import type { EshopInvitation } from "@gatehouse/domain"
import type { Redacted } from "effect"
import type { EshopActivationUrlResponse, EshopInvitationResponse } from "../schema/eshop.ts"
import { reveal } from "./secrets.ts"

// An activation URL lets whoever holds it activate the member's store account: it is handed to the admin who
// asked for it (to pass on), in these two responses only.

export const eshopInvitationResponse = (
  invitation: EshopInvitation
): typeof EshopInvitationResponse.Type => ({
  status: invitation.status,
  activationUrl: invitation.activationUrl === null ? null : reveal(invitation.activationUrl),
  emailSent: invitation.emailSent
})

export const eshopActivationUrlResponse = (link: {
  readonly activationUrl: Redacted.Redacted<string>
}): typeof EshopActivationUrlResponse.Type => ({ activationUrl: reveal(link.activationUrl) })
