import {
  compareUsers,
  type Email,
  EmailTaken,
  isAfter,
  matches,
  sortKey,
  type User,
  type UserId,
  UserNotFound,
  UserRepository,
  VersionConflict
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { CREDENTIALS } from "./ExternalCredentialRepository.ts"
import { KNOWN as SIGN_IN_ORIGINS } from "./FailedAttempts.ts"
import { INVITATIONS } from "./InvitationRepository.ts"
import { fail, MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"
import { ONE_TIME_TOKENS } from "./OneTimeTokenRepository.ts"
import { paginate, positionOf } from "./paginate.ts"
import { SESSIONS } from "./SessionRepository.ts"
import { TOTP } from "./TotpRepository.ts"

type Users = ReadonlyMap<UserId, User>

/** The tables of other ports whose rows belong to a user: they go with the user (PostgreSQL's cascades). */
const USER_OWNED = [SESSIONS, INVITATIONS, TOTP, CREDENTIALS, ONE_TIME_TOKENS, SIGN_IN_ORIGINS] as const
type UserOwnedRow = { readonly tenantId: string; readonly userId: string }

const withoutRowsOf = (s: State, user: User): State =>
  USER_OWNED.reduce((state, name) => {
    const rows = table<ReadonlyMap<string, UserOwnedRow>>(state, name, new Map())
    const doomed = [...rows].filter(([, row]) => row.userId === user.id && row.tenantId === user.tenantId)
    return doomed.length === 0
      ? state
      : withTable(
          state,
          name,
          doomed.reduce((next, [key]) => setIn(next, key, undefined), rows)
        )
  }, s)

const emailKey = (tenantId: string, email: string) => `${tenantId}\u0000${email}`

// (tenant, email) -> user id of each users table looked into, so an email lookup does not scan every user. Kept
// in step by `putUsers`/`removeUser` when they change a table in place; a table made another way (a group's
// removal rewrites users) gets its index built on first use. Emails never change, so other edits keep it valid.
const indexes = new WeakMap<Users, Map<string, UserId>>()

const emailIndex = (users: Users): Map<string, UserId> => {
  let index = indexes.get(users)
  if (index === undefined) {
    index = new Map()
    for (const user of users.values()) index.set(emailKey(user.tenantId, user.email), user.id)
    indexes.set(users, index)
  }
  return index
}

const byEmail = (users: Users, tenantId: string, email: string): User | undefined => {
  const id = emailIndex(users).get(emailKey(tenantId, email))
  const user = id === undefined ? undefined : users.get(id)
  return user !== undefined && user.tenantId === tenantId && user.email === email ? user : undefined
}

/** `users` with these stored (added, or replaced keeping their email), and the email index kept in step. */
const putUsers = (users: Users, stored: ReadonlyArray<User>): Users => {
  const index = emailIndex(users)
  let next = users
  for (const user of stored) next = setIn(next, user.id, user)
  // Changed in place: so is its index. A copy: the original keeps its own index, the copy gets one of its own.
  const nextIndex = next === users ? index : new Map(index)
  for (const user of stored) nextIndex.set(emailKey(user.tenantId, user.email), user.id)
  indexes.set(next, nextIndex)
  return next
}

const removeUser = (users: Users, user: User): Users => {
  const index = emailIndex(users)
  const next = setIn(users, user.id, undefined)
  const nextIndex = next === users ? index : new Map(index)
  nextIndex.delete(emailKey(user.tenantId, user.email))
  indexes.set(next, nextIndex)
  return next
}

export const layerMemory: Layer.Layer<UserRepository, never, MemoryStore> = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (tenantId: string) => (s: { readonly users: Users }) =>
      [...s.users.values()].filter((u) => u.tenantId === tenantId)
    return UserRepository.of({
      insert: (user) =>
        store.write((s) =>
          byEmail(s.users, user.tenantId, user.email) !== undefined
            ? fail(new EmailTaken({ email: user.email }))
            : ok(user, { ...s, users: putUsers(s.users, [user]) })
        ),
      // One write: every email is checked against the tenant's users and the earlier users of the call before
      // anything is stored, so a failure leaves the store as it was.
      insertMany: (users) =>
        store.write((s) => {
          const inCall = new Set<string>()
          for (const user of users) {
            const key = emailKey(user.tenantId, user.email)
            if (inCall.has(key) || byEmail(s.users, user.tenantId, user.email) !== undefined)
              return fail(new EmailTaken({ email: user.email }))
            inCall.add(key)
          }
          return ok(undefined, users.length === 0 ? s : { ...s, users: putUsers(s.users, users) })
        }),
      existingEmails: (tenantId, emails) =>
        store.read((s) => {
          const found = new Set<Email>()
          for (const email of emails) if (byEmail(s.users, tenantId, email) !== undefined) found.add(email)
          return found
        }),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.fromNullishOr(s.users.get(id)).pipe(Option.filter((u) => u.tenantId === tenantId))
        ),
      findByEmail: (tenantId, email) =>
        store.read((s) => Option.fromNullishOr(byEmail(s.users, tenantId, email))),
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
          return ok(next, { ...s, users: putUsers(s.users, [next]) })
        }),
      delete: (tenantId, id) =>
        store.write((s) => {
          const current = s.users.get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new UserNotFound({ userId: id }))
          const memberships = new Map([...s.memberships].filter(([, m]) => m.userId !== id))
          return ok(
            undefined,
            withoutRowsOf({ ...s, users: removeUser(s.users, current), memberships }, current)
          )
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
