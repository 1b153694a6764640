import { productPolicy } from "../password/PasswordPolicy.ts"
import { everything, modules, organizationRole, tenantRole } from "./catalogue.ts"
import type { Preset } from "./Preset.ts"

const clientModules = modules("module:billing", "module:services", "module:tickets")

/**
 * Users and clients panel: users in many clients with per-client permissions, statuses ACTIVE / INACTIVE /
 * NEW, a per-user 2FA toggle, phone, language, admin notes and verified flags.
 */
export const puqcloud: Preset = {
  name: "puqcloud",
  roles: [
    tenantRole("Admin", everything),
    tenantRole("Client User", []),
    tenantRole("Staff", [
      "users:read",
      "orgs:manage",
      "org:read",
      "members:read",
      "members:manage",
      ...clientModules
    ]),
    organizationRole("Owner", ["org:read", "members:read", "members:manage", ...clientModules]),
    organizationRole("Billing", ["org:read", "module:billing"]),
    organizationRole("Technical", ["org:read", "module:services", "module:tickets"])
  ],
  adminRole: "Admin",
  memberRole: "Client User",
  passwordPolicy: { ...productPolicy, preset: "custom", minLength: 10, generatedLength: 16 },
  invitationTtlHours: 72,
  inviteOnly: false,
  externalSystems: []
}
