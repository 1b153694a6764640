import { describe, expect, it } from "vitest"
import { canManageEshop } from "../src/features/portal/access.ts"
import { eshopBadge, eshopOffer, showsEshopColumns } from "../src/features/portal/eshop.ts"
import { catalogueFor } from "../src/lib/i18n/i18n.ts"
import { member, ORG, OTHER, tenant } from "./portalFixtures.ts"

describe("001's eShop columns on the Users and Permissions page", () => {
  it("show only when the caller may manage store access there and the tenant has a store configured", () => {
    expect(showsEshopColumns(true, { configured: true })).toBe(true)
    expect(showsEshopColumns(true, { configured: false })).toBe(false)
    expect(showsEshopColumns(true, undefined)).toBe(false)
    expect(showsEshopColumns(false, { configured: true })).toBe(false)
  })

  it("eshop:manage: tenant-wide, or an organization Admin of that organization while in effect; never Limited", () => {
    expect(canManageEshop({ tenant, permissions: ["eshop:manage"], memberships: [] }, ORG)).toBe(true)
    expect(canManageEshop({ tenant, permissions: [], memberships: [member(ORG, "Admin")] }, ORG)).toBe(true)
    expect(canManageEshop({ tenant, permissions: [], memberships: [member(ORG, "Admin", false)] }, ORG)).toBe(
      false
    )
    expect(canManageEshop({ tenant, permissions: [], memberships: [member(ORG, "Limited")] }, ORG)).toBe(
      false
    )
    expect(canManageEshop({ tenant, permissions: [], memberships: [member(OTHER, "Admin")] }, ORG)).toBe(
      false
    )
    // members:manage alone is not store access
    expect(canManageEshop({ tenant, permissions: ["members:manage"], memberships: [] }, ORG)).toBe(false)
  })
})

describe("the eShop Access column's offer per eShop Status (001 Managing Online Store Access)", () => {
  it("No Account and Inactive: Invite only", () => {
    for (const status of ["no_account", "inactive"] as const) {
      expect(eshopOffer(status)).toEqual({ invite: true, resend: false, revoke: false, copyUrl: false })
    }
  })

  it("Invited: Resend, Copy Account Invite URL and Revoke; Active: Revoke only", () => {
    expect(eshopOffer("invited")).toEqual({ invite: false, resend: true, revoke: true, copyUrl: true })
    expect(eshopOffer("active")).toEqual({ invite: false, resend: false, revoke: true, copyUrl: false })
  })

  it("labels each status with 001's words, in English and German", () => {
    const en = catalogueFor("en", "weevio")
    const de = catalogueFor("de", "weevio")
    const word = (catalogue: typeof en, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue)
    const words = (["no_account", "invited", "active", "inactive"] as const).map((status) =>
      word(en, eshopBadge(status).label)
    )
    expect(words).toEqual(["No Account", "Invited", "Active", "Inactive"])
    for (const status of ["no_account", "invited", "active", "inactive"] as const) {
      expect(typeof word(de, eshopBadge(status).label)).toBe("string")
    }
    expect(en.portal.eshop.tagConflict).toBe("This email address is tied to a different customer.")
    expect(new Set(["gray.7", "indigo.8", "teal.9", "red.9"])).toEqual(
      new Set((["no_account", "invited", "active", "inactive"] as const).map((s) => eshopBadge(s).color))
    )
  })
})
