import { productPolicy } from "../password/PasswordPolicy.ts"
import { everything, modules, organizationRole, tenantRole } from "./catalogue.ts"
import type { Preset } from "./Preset.ts"

const staffModules = modules("module:dashboard", "module:orders", "module:sros")

/**
 * Staff user management with a customer portal: Admin / Regular staff (a Regular user sees only their own
 * profile), PIMS credentials, forced change at first login; portal members are organization Admin / Limited,
 * and portal Admins manage their organization's users and their eShop access.
 */
export const weevio: Preset = {
  name: "weevio",
  roles: [
    tenantRole("Admin", everything),
    tenantRole("Regular", staffModules),
    tenantRole("Portal User", []),
    organizationRole("Admin", ["org:read", "members:read", "members:manage", "eshop:manage"]),
    organizationRole("Limited", ["org:read"])
  ],
  adminRole: "Admin",
  memberRole: "Portal User",
  passwordPolicy: productPolicy,
  invitationTtlHours: 72,
  inviteOnly: false,
  externalSystems: ["pims"]
}
