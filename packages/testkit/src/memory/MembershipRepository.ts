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
import { fail, MemoryStore, ok, type State, setIn } from "./MemoryStore.ts"
import { paginate, positionOf } from "./paginate.ts"

const keyOf = (m: Pick<Membership, "organizationId" | "userId">) => `${m.organizationId}/${m.userId}`

/** What `listByUser` returns: the user's memberships in the tenant, in insertion order, in any state. */
export const membershipsOfUser = (s: State, tenantId: string, userId: string): ReadonlyArray<Membership> =>
  [...s.memberships.values()].filter((m) => m.tenantId === tenantId && m.userId === userId)

/** The tenant's memberships with their user and organization, filtered, in the list's order, one page. */
const listAcross = (s: State, tenantId: string, query: MembershipListQuery) => {
  const rows: Array<MembershipListing & { readonly id: string }> = []
  for (const membership of s.memberships.values()) {
    if (membership.tenantId !== tenantId) continue
    const user = s.users.get(membership.userId)
    const organization = s.organizations.get(membership.organizationId)
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
    const own = (tenantId: string, s: { readonly memberships: ReadonlyMap<string, Membership> }) =>
      [...s.memberships.values()].filter((m) => m.tenantId === tenantId)
    return MembershipRepository.of({
      insert: (membership) =>
        store.write((s) =>
          s.memberships.has(keyOf(membership))
            ? fail(
                new AlreadyMember({ organizationId: membership.organizationId, userId: membership.userId })
              )
            : ok(membership, { ...s, memberships: setIn(s.memberships, keyOf(membership), membership) })
        ),
      find: (tenantId, organizationId, userId) =>
        store.read((s) =>
          Option.fromNullishOr(s.memberships.get(keyOf({ organizationId, userId }))).pipe(
            Option.filter((m) => m.tenantId === tenantId)
          )
        ),
      update: (membership) =>
        store.write((s) => {
          const current = s.memberships.get(keyOf(membership))
          if (current === undefined || current.tenantId !== membership.tenantId)
            return fail(
              new MembershipNotFound({ organizationId: membership.organizationId, userId: membership.userId })
            )
          return ok(membership, { ...s, memberships: setIn(s.memberships, keyOf(membership), membership) })
        }),
      delete: (tenantId, organizationId, userId) =>
        store.write((s) => {
          const current = s.memberships.get(keyOf({ organizationId, userId }))
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new MembershipNotFound({ organizationId, userId }))
          return ok(undefined, { ...s, memberships: setIn(s.memberships, keyOf(current), undefined) })
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
                s.users.get(m.userId)?.status === "active"
            ).length
        )
    })
  })
)
