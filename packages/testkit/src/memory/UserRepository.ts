import {
  compareUsers,
  EmailTaken,
  isAfter,
  matches,
  sortKey,
  UserNotFound,
  UserRepository,
  VersionConflict
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, setIn } from "./MemoryStore.ts"
import { paginate, positionOf } from "./paginate.ts"

export const layerMemory: Layer.Layer<UserRepository, never, MemoryStore> = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own =
      (tenantId: string) => (s: { readonly users: ReadonlyMap<string, import("@gatehouse/domain").User> }) =>
        [...s.users.values()].filter((u) => u.tenantId === tenantId)
    return UserRepository.of({
      insert: (user) =>
        store.write((s) =>
          own(user.tenantId)(s).some((u) => u.email === user.email)
            ? fail(new EmailTaken({ email: user.email }))
            : ok(user, { ...s, users: setIn(s.users, user.id, user) })
        ),
      // One write: every email is checked against the tenant's users and the earlier users of the call before
      // anything is stored, so a failure leaves the store as it was.
      insertMany: (users) =>
        store.write((s) => {
          const taken = new Set([...s.users.values()].map((u) => `${u.tenantId}/${u.email}`))
          for (const user of users) {
            const key = `${user.tenantId}/${user.email}`
            if (taken.has(key)) return fail(new EmailTaken({ email: user.email }))
            taken.add(key)
          }
          const next = new Map(s.users)
          for (const user of users) next.set(user.id, user)
          return ok(undefined, { ...s, users: next })
        }),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.fromNullishOr(s.users.get(id)).pipe(Option.filter((u) => u.tenantId === tenantId))
        ),
      findByEmail: (tenantId, email) =>
        store.read((s) => Option.fromNullishOr(own(tenantId)(s).find((u) => u.email === email))),
      update: (user, expectedVersion) =>
        store.write((s) => {
          const current = s.users.get(user.id)
          if (current === undefined || current.tenantId !== user.tenantId)
            return fail(new UserNotFound({ userId: user.id }))
          if (current.version !== expectedVersion)
            return fail(new VersionConflict({ expected: expectedVersion, actual: current.version }))
          // The email and tenant are immutable, whatever the caller passed.
          const next = {
            ...user,
            email: current.email,
            tenantId: current.tenantId,
            version: expectedVersion + 1
          }
          return ok(next, { ...s, users: setIn(s.users, user.id, next) })
        }),
      delete: (tenantId, id) =>
        store.write((s) => {
          const current = s.users.get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new UserNotFound({ userId: id }))
          const memberships = new Map([...s.memberships].filter(([, m]) => m.userId !== id))
          return ok(undefined, { ...s, users: setIn(s.users, id, undefined), memberships })
        }),
      list: (tenantId, query) =>
        store.read((s) => {
          const sorted = own(tenantId)(s)
            .filter((u) => matches(u, query))
            .sort(compareUsers(query.sort))
          return paginate(sorted, {
            limit: query.limit,
            after: positionOf(query.cursor),
            isAfter: (u, position) => isAfter(u, position, query.sort),
            keyOf: (u) => sortKey(u, query.sort)
          })
        }),
      countActiveWithRole: (tenantId, roles) =>
        store.read(
          (s) => own(tenantId)(s).filter((u) => u.status === "active" && roles.includes(u.role)).length
        )
    })
  })
)
