/** Two organizations, a weevio tenant and a membership of the signed-in user, for the portal's access rules. */
export const ORG = "0190d1a2-0000-7000-8000-000000000001"
export const OTHER = "0190d1a2-0000-7000-8000-000000000002"
export const tenant = { id: "t", slug: "acme", name: "Acme", preset: "weevio" } as const

/** A membership in `organizationId` with `role`, in effect unless said otherwise (a business, active). */
export const member = (organizationId: string, role: string, inEffect = true) => ({
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
