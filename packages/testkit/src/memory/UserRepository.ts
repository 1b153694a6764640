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
import { Credentials } from "./ExternalCredentialRepository.ts"
import { Known as SignInOrigins } from "./FailedAttempts.ts"
import { Invitations } from "./InvitationRepository.ts"
import { fail, MemoryStore, ok, type Table, type Tx, type View } from "./MemoryStore.ts"
import { Tokens } from "./OneTimeTokenRepository.ts"
import { paginate, positionOf } from "./paginate.ts"
import { Sessions } from "./SessionRepository.ts"
import { Enrollments } from "./TotpRepository.ts"
import { Memberships, Users } from "./tables.ts"

type UserOwnedRow = { readonly tenantId: string; readonly userId: string }

/** The tables of other ports whose rows belong to a user: they go with the user (PostgreSQL's cascades). */
const USER_OWNED: ReadonlyArray<Table<ReadonlyMap<string, UserOwnedRow>>> = [
  Sessions,
  Invitations,
  Enrollments,
  Credentials,
  Tokens,
  SignInOrigins
]

const deleteRowsOf = (tx: Tx, user: User): void => {
  for (const table of USER_OWNED)
    for (const [key, row] of [...tx.get(table)])
      if (row.userId === user.id && row.tenantId === user.tenantId) tx.delete(table, key)
}

const emailKey = (tenantId: string, email: string) => `${tenantId}\u0000${email}`

// (tenant, email) -> user id of each users table looked into, so an email lookup does not scan every user. Kept
// in step by `putUsers`/`removeUser` when they change a table in place; a table made another way (a group's
// removal rewrites users) gets its index built on first use. Emails never change, so other edits keep it valid.
type UserRows = ReadonlyMap<UserId, User>

const indexes = new WeakMap<UserRows, Map<string, UserId>>()

const emailIndex = (users: UserRows): Map<string, UserId> => {
  let index = indexes.get(users)
  if (index === undefined) {
    index = new Map()
    for (const user of users.values()) index.set(emailKey(user.tenantId, user.email), user.id)
    indexes.set(users, index)
  }
  return index
}

const byEmail = (users: UserRows, tenantId: string, email: string): User | undefined => {
  const id = emailIndex(users).get(emailKey(tenantId, email))
  const user = id === undefined ? undefined : users.get(id)
  return user !== undefined && user.tenantId === tenantId && user.email === email ? user : undefined
}

/** Stores these users (added, or replaced keeping their email), and keeps the email index in step. */
const putUsers = (tx: Tx, stored: ReadonlyArray<User>): void => {
  const users = tx.get(Users)
  const index = emailIndex(users)
  for (const user of stored) tx.set(Users, user.id, user)
  const next = tx.get(Users)
  // Changed in place: so is its index. A copy: the original keeps its own index, the copy gets one of its own.
  const nextIndex = next === users ? index : new Map(index)
  for (const user of stored) nextIndex.set(emailKey(user.tenantId, user.email), user.id)
  indexes.set(next, nextIndex)
}

const removeUser = (tx: Tx, user: User): void => {
  const users = tx.get(Users)
  const index = emailIndex(users)
  tx.delete(Users, user.id)
  const next = tx.get(Users)
  const nextIndex = next === users ? index : new Map(index)
  nextIndex.delete(emailKey(user.tenantId, user.email))
  indexes.set(next, nextIndex)
}

export const layerMemory: Layer.Layer<UserRepository, never, MemoryStore> = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (tenantId: string) => (s: View) =>
      [...s.get(Users).values()].filter((u) => u.tenantId === tenantId)
    return UserRepository.of({
      insert: (user) =>
        store.write((s, tx) => {
          if (byEmail(s.get(Users), user.tenantId, user.email) !== undefined)
            return fail(new EmailTaken({ email: user.email }))
          putUsers(tx, [user])
          return ok(user)
        }),
      // One write: every email is checked against the tenant's users and the earlier users of the call before
      // anything is stored, so a failure leaves the store as it was.
      insertMany: (users) =>
        store.write((s, tx) => {
          const inCall = new Set<string>()
          for (const user of users) {
            const key = emailKey(user.tenantId, user.email)
            if (inCall.has(key) || byEmail(s.get(Users), user.tenantId, user.email) !== undefined)
              return fail(new EmailTaken({ email: user.email }))
            inCall.add(key)
          }
          if (users.length > 0) putUsers(tx, users)
          return ok(undefined)
        }),
      existingEmails: (tenantId, emails) =>
        store.read((s) => {
          const found = new Set<Email>()
          for (const email of emails)
            if (byEmail(s.get(Users), tenantId, email) !== undefined) found.add(email)
          return found
        }),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.fromNullishOr(s.get(Users).get(id)).pipe(Option.filter((u) => u.tenantId === tenantId))
        ),
      findByEmail: (tenantId, email) =>
        store.read((s) => Option.fromNullishOr(byEmail(s.get(Users), tenantId, email))),
      update: (user, expectedVersion) =>
        store.write((s, tx) => {
          const current = s.get(Users).get(user.id)
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
          putUsers(tx, [next])
          return ok(next)
        }),
      delete: (tenantId, id) =>
        store.write((s, tx) => {
          const current = s.get(Users).get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new UserNotFound({ userId: id }))
          removeUser(tx, current)
          for (const [key, m] of [...s.get(Memberships)]) if (m.userId === id) tx.delete(Memberships, key)
          deleteRowsOf(tx, current)
          return ok(undefined)
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
