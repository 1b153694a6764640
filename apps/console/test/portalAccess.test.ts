import { describe, expect, it } from "vitest"
import { canManagePortal, organizationRoles } from "../src/features/portal/access.ts"

const ORG = "0190d1a2-0000-7000-8000-000000000001"
const OTHER = "0190d1a2-0000-7000-8000-000000000002"
const tenant = { id: "t", slug: "acme", name: "Acme", preset: "weevio" } as const
const member = (organizationId: string, role: string, inEffect = true) => ({
  organization: { id: organizationId, name: "Clinic" },
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
})
