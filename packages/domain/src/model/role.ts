import { Schema } from "effect"
import { TenantId } from "./ids.ts"
import { Permission } from "./permission.ts"

/** A role key as shown in the API: the role's name exactly as written ("Admin", "SUPER_ADMIN", ...). */
export const RoleName = Schema.String.check(
  Schema.isPattern(/^[A-Za-z][A-Za-z0-9 _-]{0,62}$/u, { message: "Expected a role name" })
).pipe(Schema.brand("RoleName"))
export type RoleName = typeof RoleName.Type

/** Tenant roles are staff roles; organization roles are membership roles inside one organization. */
export const RoleScope = Schema.Literals(["tenant", "organization"])
export type RoleScope = typeof RoleScope.Type

export const Role = Schema.Struct({
  tenantId: TenantId,
  name: RoleName,
  scope: RoleScope,
  permissions: Schema.Array(Permission),
  /** Holders must enrol TOTP before they get a full session. */
  requiresTotp: Schema.Boolean,
  /** Comes from the tenant's preset (cannot be deleted). */
  builtIn: Schema.Boolean
})
export type Role = typeof Role.Type
