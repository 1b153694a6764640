import {
  AlreadyMember,
  compareMembershipListings,
  isAfterMembershipCursor,
  isInEffect,
  type Membership,
  type MembershipListing,
  type MembershipListQuery,
  MembershipNotFound,
  MembershipRepository,
  matchesMembershipQuery,
  membershipCursorId,
  membershipExpiryKey
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, type View } from "./MemoryStore.ts"
import { paginate, positionOf } from "./paginate.ts"
import { Memberships, Organizations, Users } from "./tables.ts"

const keyOf = (m: Pick<Membership, "organizationId" | "userId">) => `${m.organizationId}/${m.userId}`

/** What `listByUser` returns: the user's memberships in the tenant, in insertion order, in any state. */
export const membershipsOfUser = (s: View, tenantId: string, userId: string): ReadonlyArray<Membership> =>
  [...s.get(Memberships).values()].filter((m) => m.tenantId === tenantId && m.userId === userId)

/** The tenant's memberships with their user and organization, filtered, in the list's order, one page. */
const listAcross = (s: View, tenantId: string, query: MembershipListQuery) => {
  const rows: Array<MembershipListing & { readonly id: string }> = []
  for (const membership of s.get(Memberships).values()) {
    if (membership.tenantId !== tenantId) continue
    const user = s.get(Users).get(membership.userId)
    const organization = s.get(Organizations).get(membership.organizationId)
    if (user === undefined || organization === undefined) continue
    const { id, firstName, lastName, displayName, email } = user
    const listing: MembershipListing = {
      membership,
      user: { id, firstName, lastName, displayName, email },
      organization: {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        status: organization.status
      }
    }
    if (matchesMembershipQuery(listing, query)) rows.push({ ...listing, id: membershipCursorId(membership) })
  }
  const page = paginate(rows.sort(compareMembershipListings), {
    limit: query.limit,
    after: positionOf(query.cursor),
    isAfter: isAfterMembershipCursor,
    keyOf: (row) => membershipExpiryKey(row.membership)
  })
  return { ...page, items: page.items.map(({ id: _id, ...listing }) => listing) }
}

export const layerMemory: Layer.Layer<MembershipRepository, never, MemoryStore> = Layer.effect(
  MembershipRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (tenantId: string, s: View) =>
      [...s.get(Memberships).values()].filter((m) => m.tenantId === tenantId)
    return MembershipRepository.of({
      insert: (membership) =>
        store.write((s, tx) => {
          if (s.get(Memberships).has(keyOf(membership)))
            return fail(
              new AlreadyMember({ organizationId: membership.organizationId, userId: membership.userId })
            )
          tx.set(Memberships, keyOf(membership), membership)
          return ok(membership)
        }),
      find: (tenantId, organizationId, userId) =>
        store.read((s) =>
          Option.fromNullishOr(s.get(Memberships).get(keyOf({ organizationId, userId }))).pipe(
            Option.filter((m) => m.tenantId === tenantId)
          )
        ),
      update: (membership) =>
        store.write((s, tx) => {
          const current = s.get(Memberships).get(keyOf(membership))
          if (current === undefined || current.tenantId !== membership.tenantId)
            return fail(
              new MembershipNotFound({ organizationId: membership.organizationId, userId: membership.userId })
            )
          tx.set(Memberships, keyOf(membership), membership)
          return ok(membership)
        }),
      delete: (tenantId, organizationId, userId) =>
        store.write((s, tx) => {
          const current = s.get(Memberships).get(keyOf({ organizationId, userId }))
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new MembershipNotFound({ organizationId, userId }))
          tx.delete(Memberships, keyOf(current))
          return ok(undefined)
        }),
      listByOrganization: (tenantId, organizationId) =>
        store.read((s) => own(tenantId, s).filter((m) => m.organizationId === organizationId)),
      listByUser: (tenantId, userId) => store.read((s) => membershipsOfUser(s, tenantId, userId)),
      listAcrossOrganizations: (tenantId, query) => store.read((s) => listAcross(s, tenantId, query)),
      countInEffect: (tenantId, organizationId, roles, now) =>
        store.read(
          (s) =>
            own(tenantId, s).filter(
              (m) =>
                m.organizationId === organizationId &&
                roles.includes(m.role) &&
                isInEffect(m, now) &&
                s.get(Users).get(m.userId)?.status === "active"
            ).length
        )
    })
  })
)
