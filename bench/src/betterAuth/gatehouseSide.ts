import type { TenantId } from "@gatehouse/domain"
import type { BenchServer } from "../gatehouse.ts"
import { login, seedLoginAccounts, seedTenant } from "../seed.ts"

/** Gatehouse's side of row 6: a tenant of its own, seeded like the Better Auth server. */
export interface GatehouseSide {
  readonly slug: string
  /** The members' emails (all can log in with `PASSWORD`), the organization Admin first. */
  readonly emails: ReadonlyArray<string>
  readonly organizationId: string
  /** The tenant admin's bearer token (creates users, as an admin would). */
  readonly adminToken: string
  /** The organization Admin's token (lists the members, as Better Auth's owner does). */
  readonly orgAdminToken: string
  /** A member's token (GET /v1/me, as a member's get-session). */
  readonly userToken: string
}

const post = async (url: string, token: string, body: unknown) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 500)}`)
  return JSON.parse(text) as unknown
}

/**
 * A fresh tenant `slug` (so row 6 neither sees nor grows the listed tenant of rows 1-5) with `members` accounts
 * that can log in, and an organization they all belong to (over HTTP, as the tenant admin): the first as
 * organization Admin, the others Limited, as Better Auth's owner and members.
 */
export const prepareGatehouseSide = async (
  server: BenchServer,
  slug: string,
  members: number
): Promise<GatehouseSide> => {
  const tenant = await seedTenant(server, slug)
  const emails = await seedLoginAccounts(server, tenant.id as TenantId, members)
  const adminToken = await login(server.url, slug, `admin@${slug}.example.com`)
  const organization = (await post(`${server.url}/v1/organizations`, adminToken, {
    name: "Side by side"
  })) as {
    id: string
  }
  for (const [i, email] of emails.entries()) {
    await post(`${server.url}/v1/organizations/${organization.id}/members`, adminToken, {
      email,
      firstName: "Member",
      lastName: `${i}`,
      role: i === 0 ? "Admin" : "Limited"
    })
  }
  return {
    slug,
    emails,
    organizationId: organization.id,
    adminToken,
    orgAdminToken: await login(server.url, slug, emails[0]!),
    userToken: await login(server.url, slug, emails[1]!)
  }
}
