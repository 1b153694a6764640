import { describe, expect, it } from "vitest"
import {
  canManagePortal,
  isOrganizationId,
  organizationRoles,
  portalLinks
} from "../src/features/portal/access.ts"

const ORG = "0190d1a2-0000-7000-8000-000000000001"
const OTHER = "0190d1a2-0000-7000-8000-000000000002"
const tenant = { id: "t", slug: "acme", name: "Acme", preset: "weevio" } as const
const member = (organizationId: string, role: string, inEffect = true) => ({
  organization: {
    id: organizationId,
    name: `Clinic ${organizationId.slice(-1)}`,
    slug: `clinic-${organizationId.slice(-1)}`,
    companyName: null,
    taxId: null,
    status: "active" as const,
    kind: "business" as const
  },
  role,
  active: inEffect,
  expiresAt: null,
  inEffect
})

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
