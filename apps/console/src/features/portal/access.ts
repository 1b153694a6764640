import { presets } from "@gatehouse/domain"
import type { Me } from "../../lib/session.ts"

/** The organization roles of the tenant's preset, Admin first (001: Admin / Limited). */
export const organizationRoles = (preset: Me["tenant"]["preset"]): ReadonlyArray<string> =>
  presets[preset].roles.filter((role) => role.scope === "organization").map((role) => role.name)

/**
 * Whether `me` may open the Users and Permissions page of `orgId`: a tenant-wide `members:manage` (a tenant
 * admin opens any organization's page), or a membership in effect there whose role manages members (an
 * organization Admin). Limited members and members of other organizations may not. The server decides too:
 * this only keeps the page from showing what the API would refuse.
 */
export const canManagePortal = (
  me: Pick<Me, "permissions" | "memberships" | "tenant">,
  orgId: string
): boolean => {
  if (me.permissions.includes("members:manage")) return true
  const managing = new Set(
    presets[me.tenant.preset].roles
      .filter((role) => role.scope === "organization" && role.permissions.includes("members:manage"))
      .map((role) => role.name)
  )
  return me.memberships.some(
    (membership) =>
      membership.organization.id === orgId && membership.inEffect && managing.has(membership.role)
  )
}
