import type { ModulePermission, Permission } from "../model/permission.ts"
import { ALL_PERMISSIONS } from "../model/permission.ts"
import type { RoleScope } from "../model/role.ts"

/** A role as a preset declares it (the tenant id is added when a tenant is created). */
export interface RoleTemplate {
  readonly name: string
  readonly scope: RoleScope
  readonly permissions: ReadonlyArray<Permission>
  readonly requiresTotp: boolean
}

export const tenantRole = (
  name: string,
  permissions: ReadonlyArray<Permission>,
  options: { readonly requiresTotp?: boolean } = {}
): RoleTemplate => ({ name, scope: "tenant", permissions, requiresTotp: options.requiresTotp ?? false })

export const organizationRole = (
  name: string,
  permissions: ReadonlyArray<Permission>,
  options: { readonly requiresTotp?: boolean } = {}
): RoleTemplate => ({ name, scope: "organization", permissions, requiresTotp: options.requiresTotp ?? false })

/** Everything: a tenant's top role must be able to grant every role and module of the catalogue. */
export const everything: ReadonlyArray<Permission> = ALL_PERMISSIONS

export const modules = (...names: ReadonlyArray<ModulePermission>): ReadonlyArray<Permission> => names
