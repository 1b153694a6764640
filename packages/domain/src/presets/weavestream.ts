import { nistPolicy } from "../password/PasswordPolicy.ts"
import { everything, organizationRole, tenantRole } from "./catalogue.ts"
import type { Preset } from "./Preset.ts"

const totp = { requiresTotp: true }

/**
 * Invite-only operator / contractor / client system: setup tokens, mandatory TOTP for every role, contractor
 * memberships that expire, soft delete (deactivate), last login.
 */
export const weavestream: Preset = {
  name: "weavestream",
  roles: [
    tenantRole("SUPER_ADMIN", everything, totp),
    tenantRole(
      "OPERATOR",
      ["users:read", "users:invite", "org:read", "members:read", "members:manage", "orgs:manage"],
      totp
    ),
    tenantRole("CONTRACTOR", [], totp),
    tenantRole("CLIENT_USER", [], totp),
    organizationRole("OPERATOR_FULL", ["org:read", "members:read", "members:manage"], totp),
    organizationRole("OPERATOR_READONLY", ["org:read", "members:read"], totp),
    organizationRole("CLIENT_ADMIN", ["org:read", "members:read", "members:manage"], totp),
    organizationRole("CLIENT_VIEWER", ["org:read"], totp)
  ],
  adminRole: "SUPER_ADMIN",
  memberRole: "CLIENT_USER",
  passwordPolicy: nistPolicy,
  invitationTtlHours: 72,
  inviteOnly: true,
  externalSystems: []
}
