import { describe, expect, it } from "vitest"
import {
  canManagePortal,
  isOrganizationId,
  organizationRoles,
  portalLinks
} from "../src/features/portal/access.ts"
import { member, ORG, OTHER, tenant } from "./portalFixtures.ts"

describe("who opens an organization's Users and Permissions page (001)", () => {
  it("an Admin of that organization, while the membership is in effect", () => {
    expect(canManagePortal({ tenant, permissions: [], memberships: [member(ORG, "Admin")] }, ORG)).toBe(true)
    expect(
      canManagePortal({ tenant, permissions: [], memberships: [member(ORG, "Admin", false)] }, ORG)
    ).toBe(false)
  })

  it("never a Limited member, nor an Admin of another organization", () => {
    expect(canManagePortal({ tenant, permissions: [], memberships: [member(ORG, "Limited")] }, ORG)).toBe(
      false
    )
    expect(canManagePortal({ tenant, permissions: [], memberships: [member(OTHER, "Admin")] }, ORG)).toBe(
      false
    )
  })

  it("a tenant admin (members:manage tenant-wide) opens any organization's page", () => {
    expect(canManagePortal({ tenant, permissions: ["members:manage"], memberships: [] }, ORG)).toBe(true)
  })

  it("offers the preset's organization roles: weevio's Admin and Limited", () => {
    expect(organizationRoles("weevio")).toEqual(["Admin", "Limited"])
  })

  it("links a member to the portals of their memberships in effect only, by slug", () => {
    expect(portalLinks({ memberships: [member(ORG, "Limited"), member(OTHER, "Admin", false)] })).toEqual([
      { slug: "clinic-1", name: "Clinic 1" }
    ])
    expect(portalLinks({ memberships: [] })).toEqual([])
  })

  it("tells an old /portal/<id> link from a slug", () => {
    expect(isOrganizationId(ORG)).toBe(true)
    expect(isOrganizationId(ORG.toUpperCase())).toBe(true)
    for (const slug of ["northwind-traders", "clinic-1", `${ORG}-2`, ORG.slice(1)])
      expect(isOrganizationId(slug)).toBe(false)
  })
})
