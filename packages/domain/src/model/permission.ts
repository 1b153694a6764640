import { Schema } from "effect"

/** Permissions that apply across the tenant (a staff role, or a user's direct module permissions). */
export const TENANT_PERMISSIONS = [
  "users:read",
  "users:write",
  "users:delete",
  "users:roles",
  "users:invite",
  "members:manage",
  "orgs:manage",
  "eshop:manage",
  "groups:manage",
  "audit:read",
  "settings:manage"
] as const

/** Permissions an organization role grants inside its own organization only. */
export const ORGANIZATION_PERMISSIONS = [
  "org:read",
  "members:read",
  "members:manage",
  "eshop:manage"
] as const

/** Feature modules a user may be given directly (the employee product's "module permissions"). */
export const MODULE_PERMISSIONS = [
  "module:dashboard",
  "module:orders",
  "module:sros",
  "module:reports",
  "module:timesheets",
  "module:scheduling",
  "module:billing",
  "module:services",
  "module:tickets"
] as const

export const ALL_PERMISSIONS = [
  ...new Set([...TENANT_PERMISSIONS, ...ORGANIZATION_PERMISSIONS, ...MODULE_PERMISSIONS])
] as ReadonlyArray<
  | (typeof TENANT_PERMISSIONS)[number]
  | (typeof ORGANIZATION_PERMISSIONS)[number]
  | (typeof MODULE_PERMISSIONS)[number]
>

/** The closed set of permission strings the domain knows. */
export const Permission = Schema.Literals(ALL_PERMISSIONS)
export type Permission = typeof Permission.Type

export const ModulePermission = Schema.Literals(MODULE_PERMISSIONS)
export type ModulePermission = typeof ModulePermission.Type
