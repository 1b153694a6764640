import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import type { Invitation } from "../../ports/InvitationRepository.ts"
import type { NewSetupToken } from "./token.ts"

/** Default lifetime of a setup invitation when the tenant's settings do not say otherwise. */
export const DEFAULT_INVITATION_TTL_HOURS = 72

/** When a setup invitation issued at `at` stops working: after the tenant's `invitationTtlHours`. */
export const invitationExpiresAt = (tenant: Pick<Tenant, "settings">, at: Date): Date =>
  new Date(at.getTime() + (tenant.settings.invitationTtlHours ?? DEFAULT_INVITATION_TTL_HOURS) * 3_600_000)

/** The stored form of a new setup invitation for `user`: pending, only the SHA-256 of the token's secret. */
export const pendingInvitation = (
  tenant: Pick<Tenant, "id">,
  user: Pick<User, "id">,
  token: Pick<NewSetupToken, "id" | "secretHash">,
  expiresAt: Date,
  at: Date
): Invitation => ({
  id: token.id,
  tenantId: tenant.id,
  userId: user.id,
  secretHash: token.secretHash,
  state: "pending",
  expiresAt,
  createdAt: at,
  acceptedAt: null
})
