import { ok } from "@gatehouse/client"
import { client, createUser, fullSession, type Session, type Tenant } from "./api.ts"

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
