import { ok } from "@gatehouse/client"
import type { Page } from "@playwright/test"
import { client, createUser, fullSession, type Session, type Tenant } from "./api.ts"
import { expect, signIn } from "./test.ts"

export interface Organization {
  readonly id: string
  readonly name: string
  /** The portal's address: `/portal/<slug>` (003). */
  readonly slug: string
}

/** An organization of the tenant, created by its admin (`POST /v1/organizations`; the slug from the name). */
export const createOrganization = async (admin: Session, name: string): Promise<Organization> => {
  const created = await ok(client(admin.token).POST("/v1/organizations", { body: { name } }))
  return { id: created.id, name: created.name, slug: created.slug }
}

export interface PortalUser {
  readonly id: string
  readonly email: string
  /** Their password after the first-login change (done through the API). */
  readonly password: string
}

/**
 * A customer portal user of `organization` with `role` (weevio: Admin or Limited): a Portal User of the tenant
 * with a password, added to the organization, who has already changed the password at first login.
 */
export const portalUser = async (
  tenant: Tenant,
  admin: Session,
  organization: Organization,
  fields: { readonly role: string; readonly firstName: string; readonly lastName: string }
): Promise<PortalUser> => {
  const user = await createUser(admin, {
    role: "Portal User",
    firstName: fields.firstName,
    lastName: fields.lastName
  })
  await ok(
    client(admin.token).POST("/v1/organizations/{orgId}/members", {
      params: { path: { orgId: organization.id } },
      body: { email: user.email, firstName: fields.firstName, lastName: fields.lastName, role: fields.role }
    })
  )
  const session = await fullSession(tenant.slug, user.email, user.password)
  return { id: user.id, email: user.email, password: session.password }
}

/** Anna, the organization's portal Admin, and Pat, a Limited member. */
export const annaAndPat = async (tenant: Tenant, admin: Session, organization: Organization) => ({
  anna: await portalUser(tenant, admin, organization, {
    role: "Admin",
    firstName: "Anna",
    lastName: "Admin"
  }),
  pat: await portalUser(tenant, admin, organization, {
    role: "Limited",
    firstName: "Pat",
    lastName: "Portal"
  })
})

/** Opens `/portal/<slug>` signed out, signs `user` in from the redirect, and lands on Users and Permissions. */
export const openPortal = async (
  page: Page,
  tenant: Tenant,
  user: PortalUser,
  organization: Organization
) => {
  await page.goto(`/portal/${organization.slug}`)
  await expect(page).toHaveURL(/\/sign-in\?redirect=/)
  await signIn(page, { tenant: tenant.slug, email: user.email, password: user.password })
  await expect(page).toHaveURL(new RegExp(`/portal/${organization.slug}$`))
  await expect(page.getByRole("heading", { name: "Users and Permissions" })).toBeVisible()
}

/** The grid's row of the member with `email`. */
export const row = (page: Page, email: string) => page.getByRole("row").filter({ hasText: email })
