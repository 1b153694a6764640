import { productPolicy } from "../password/PasswordPolicy.ts"
import { everything, modules, tenantRole } from "./catalogue.ts"
import type { Preset } from "./Preset.ts"

const allModules = modules(
  "module:dashboard",
  "module:reports",
  "module:timesheets",
  "module:scheduling",
  "module:orders"
)

/**
 * Employee management: departments, groups, module permissions, bulk import / update / invite / delete with a
 * typed confirmation, invitation emails. The Account Admin owns the account; User Admins manage people and
 * roles; Admins manage people; General users hold only the modules they are given.
 */
export const wetrack: Preset = {
  name: "wetrack",
  roles: [
    tenantRole("Account Admin", everything),
    tenantRole("User Admin", [
      "users:read",
      "users:write",
      "users:delete",
      "users:roles",
      "users:invite",
      "groups:manage",
      "audit:read",
      ...allModules
    ]),
    tenantRole("Admin", ["users:read", "users:write", "users:invite", "groups:manage", ...allModules]),
    tenantRole("General", [])
  ],
  adminRole: "Account Admin",
  memberRole: "General",
  passwordPolicy: { ...productPolicy, preset: "custom", generatedLength: 12 },
  invitationTtlHours: 72,
  inviteOnly: false,
  externalSystems: []
}
