import { presets } from "@gatehouse/domain"
import type { Me, Permission } from "../../lib/session.ts"

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
): boolean => holdsIn(me, orgId, "members:manage")

/**
 * Whether `me` may manage the online store access of `orgId`'s members (001's eShop columns): `eshop:manage`
 * tenant-wide, or through an organization role in effect there that holds it (weevio's organization Admin).
 * Whether a store is connected is the API's answer (`GET /v1/organizations/{orgId}/eshop`), asked only then.
 */
export const canManageEshop = (
  me: Pick<Me, "permissions" | "memberships" | "tenant">,
  orgId: string
): boolean => holdsIn(me, orgId, "eshop:manage")

const holdsIn = (
  me: Pick<Me, "permissions" | "memberships" | "tenant">,
  orgId: string,
  permission: Permission
): boolean => {
  if (me.permissions.includes(permission)) return true
  const granting = new Set(
    presets[me.tenant.preset].roles
      .filter(
        (role) =>
          role.scope === "organization" && (role.permissions as ReadonlyArray<string>).includes(permission)
      )
      .map((role) => role.name)
  )
  return me.memberships.some(
    (membership) =>
      membership.organization.id === orgId && membership.inEffect && granting.has(membership.role)
  )
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Whether a `/portal/<...>` segment is an organization id (an old link) rather than a slug. A slug could be
 * written like a UUID; the server never generates one (a name's slug has no such shape), so an id wins.
 */
export const isOrganizationId = (segment: string): boolean => UUID.test(segment)

/**
 * The organizations whose portal `me` reaches from the navigation: their own memberships in effect (an inactive
 * organization's or an expired membership's grant nothing). Tenant admins open any from the organizations page.
 */
export const portalLinks = (
  me: Pick<Me, "memberships">
): ReadonlyArray<{ readonly slug: string; readonly name: string }> =>
  me.memberships
    .filter((membership) => membership.inEffect)
    .map((membership) => ({ slug: membership.organization.slug, name: membership.organization.name }))
