import type { LightMyRequestResponse } from "fastify"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { forbiddenChanges } from "../fuzz/stateDiff.ts"
import { cellOf } from "./requests.ts"
import { buildWorld, type World } from "./world.ts"

/**
 * Rule 1 for ids a caller names in a body, a query or next to their own ids in a path: an id of another tenant
 * (or, for a portal admin, a member of another organization) must be answered exactly like an id that exists
 * nowhere, must change nothing when refused, and must never list anything. The matrix covers ids in the path.
 */
interface Case {
  readonly name: string
  readonly caller: (w: World) => string
  /** The id under test: it exists, but not where the caller may reach it. */
  readonly foreign: (w: World) => string
  readonly request: (
    w: World,
    id: string
  ) => {
    readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
    readonly url: string
    readonly body?: object
    readonly headers?: Record<string, string>
  }
  /** A list: it must answer no item for the id. */
  readonly list?: boolean
}

const admin = (w: World) => w.tokens.admin
const portalAdmin = (w: World) => w.tokens.portalAdmin
const foreignUser = (w: World) => w.foreign.admin
const newUser = { email: "ref@acme.test", firstName: "Ref", lastName: "Erence", role: "Regular" }
const password = { password: "Zr4?Quartz-Heron-Mosaic" }
const ifMatch = (w: World) => ({ "if-match": w.etags.get(w.users.active)! })

const CASES: ReadonlyArray<Case> = [
  {
    name: "a user in the path",
    caller: admin,
    foreign: foreignUser,
    request: (_, id) => ({ method: "GET", url: `/v1/users/${id}` })
  },
  {
    name: "a user put into one's group",
    caller: admin,
    foreign: foreignUser,
    request: (w, id) => ({ method: "PUT", url: `/v1/groups/${w.group}/members/${id}` })
  },
  {
    name: "a user taken out of one's group",
    caller: admin,
    foreign: foreignUser,
    request: (w, id) => ({ method: "DELETE", url: `/v1/groups/${w.group}/members/${id}` })
  },
  {
    name: "a group one's user is put into",
    caller: admin,
    foreign: (w) => w.foreign.group,
    request: (w, id) => ({ method: "PUT", url: `/v1/groups/${id}/members/${w.users.active}` })
  },
  {
    name: "a department of a new user",
    caller: admin,
    foreign: (w) => w.foreign.department,
    request: (_, id) => ({
      method: "POST",
      url: "/v1/users",
      body: { ...newUser, ...password, department: id }
    })
  },
  {
    name: "a group of a new user",
    caller: admin,
    foreign: (w) => w.foreign.group,
    request: (_, id) => ({
      method: "POST",
      url: "/v1/users",
      body: { ...newUser, ...password, groups: [id] }
    })
  },
  {
    name: "a department set on a user",
    caller: admin,
    foreign: (w) => w.foreign.department,
    request: (w, id) => ({
      method: "PATCH",
      url: `/v1/users/${w.users.active}`,
      body: { department: id },
      headers: ifMatch(w)
    })
  },
  {
    name: "a group set on a user",
    caller: admin,
    foreign: (w) => w.foreign.group,
    request: (w, id) => ({
      method: "PATCH",
      url: `/v1/users/${w.users.active}`,
      body: { groups: [id] },
      headers: ifMatch(w)
    })
  },
  {
    name: "a user of a bulk action",
    caller: admin,
    foreign: foreignUser,
    request: (_, id) => ({ method: "POST", url: "/v1/users/bulk", body: { action: "disable", ids: [id] } })
  },
  {
    name: "a department filter",
    caller: admin,
    foreign: (w) => w.foreign.department,
    list: true,
    request: (_, id) => ({ method: "GET", url: `/v1/users?department=${id}` })
  },
  {
    name: "a group filter",
    caller: admin,
    foreign: (w) => w.foreign.group,
    list: true,
    request: (_, id) => ({ method: "GET", url: `/v1/users?group=${id}` })
  },
  {
    name: "an audit actor filter",
    caller: admin,
    foreign: foreignUser,
    list: true,
    request: (_, id) => ({ method: "GET", url: `/v1/audit-events?actor=${id}` })
  },
  {
    name: "an audit target filter",
    caller: admin,
    foreign: foreignUser,
    list: true,
    request: (_, id) => ({ method: "GET", url: `/v1/audit-events?target=${id}` })
  },
  {
    name: "an organization filter of the tenant-wide memberships",
    caller: admin,
    foreign: (w) => w.foreign.organization,
    list: true,
    request: (_, id) => ({ method: "GET", url: `/v1/memberships?organization=${id}` })
  },
  {
    name: "a user filter of the tenant-wide memberships",
    caller: admin,
    foreign: foreignUser,
    list: true,
    request: (_, id) => ({ method: "GET", url: `/v1/memberships?user=${id}` })
  },
  {
    name: "an organization a member is added to",
    caller: admin,
    foreign: (w) => w.foreign.organization,
    request: (_, id) => ({
      method: "POST",
      url: `/v1/organizations/${id}/members`,
      body: { ...newUser, role: "Limited" }
    })
  },
  {
    name: "an organization's slug of another tenant",
    caller: admin,
    foreign: (w) => w.foreign.organizationSlug,
    request: (_, slug) => ({ method: "GET", url: `/v1/organizations/by-slug/${slug}` })
  },
  {
    name: "another organization's slug, asked by a portal admin",
    caller: portalAdmin,
    foreign: (w) => w.orgSlugs.orgB,
    request: (_, slug) => ({ method: "GET", url: `/v1/organizations/by-slug/${slug}` })
  },
  // a portal admin naming another organization's member under their own organization
  {
    name: "another organization's member changed",
    caller: portalAdmin,
    foreign: (w) => w.users.memberB,
    request: (w, id) => ({
      method: "PATCH",
      url: `/v1/organizations/${w.orgA}/members/${id}`,
      body: { role: "Admin" }
    })
  },
  {
    name: "another organization's member removed",
    caller: portalAdmin,
    foreign: (w) => w.users.memberB,
    request: (w, id) => ({ method: "DELETE", url: `/v1/organizations/${w.orgA}/members/${id}` })
  },
  {
    name: "another organization's member's eShop status",
    caller: portalAdmin,
    foreign: (w) => w.users.memberB,
    request: (w, id) => ({ method: "GET", url: `/v1/organizations/${w.orgA}/members/${id}/eshop` })
  },
  {
    name: "another organization's member invited to the eShop",
    caller: portalAdmin,
    foreign: (w) => w.users.memberB,
    request: (w, id) => ({ method: "POST", url: `/v1/organizations/${w.orgA}/members/${id}/eshop/invite` })
  }
]

const itemsOf = (response: LightMyRequestResponse): unknown =>
  response.statusCode === 200 ? (response.json() as { items?: unknown }).items : undefined

describe("ids of another tenant (or organization) named in a body, a query or a path", () => {
  let w: World
  beforeAll(async () => {
    w = await buildWorld()
  })
  afterAll(() => w.close())

  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s: answered like an id that exists nowhere",
    async (_, c) => {
      const send = async (id: string) => {
        await w.restore(w.baseline)
        const { method, url, body, headers } = c.request(w, id)
        const response = await w.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${c.caller(w)}`, ...headers },
          ...(body === undefined ? {} : { payload: body })
        })
        return { response, changes: forbiddenChanges(w.baseline, await w.snapshot()) }
      }
      const foreign = await send(c.foreign(w))
      const nowhere = await send(crypto.randomUUID())
      expect(cellOf(foreign.response)).toBe(cellOf(nowhere.response))
      if (foreign.response.statusCode >= 400) expect(foreign.changes).toEqual([])
      else expect(foreign.response.statusCode).not.toBe(201)
      if (c.list === true) expect(itemsOf(foreign.response)).toEqual([])
    }
  )
})
