import { type Session, type SessionId, SessionRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, table, withTable } from "./MemoryStore.ts"

type Sessions = ReadonlyMap<SessionId, Session>
const TABLE = "sessions"
const rows = (s: State) => table<Sessions>(s, TABLE, new Map())

const newestFirst = (a: Session, b: Session): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

export const layerMemory: Layer.Layer<SessionRepository, never, MemoryStore> = Layer.effect(
  SessionRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (s: State, tenantId: string, id: SessionId) => {
      const row = rows(s).get(id)
      return row !== undefined && row.tenantId === tenantId ? row : undefined
    }
    return SessionRepository.of({
      insert: (session) =>
        store
          .write((s) => {
            if (rows(s).has(session.id)) return { error: `duplicate session id ${session.id}` }
            return ok(undefined, withTable(s, TABLE, new Map(rows(s)).set(session.id, session)))
          })
          .pipe(Effect.orDie),
      findById: (id) => store.read((s) => Option.fromNullishOr(rows(s).get(id))),
      touch: (tenantId, id, at) =>
        store.write((s) => {
          const row = own(s, tenantId, id)
          if (row === undefined || row.revokedAt !== null || at <= row.lastSeenAt) return ok(undefined, s)
          return ok(undefined, withTable(s, TABLE, new Map(rows(s)).set(id, { ...row, lastSeenAt: at })))
        }),
      revoke: (tenantId, id, at) =>
        store.write((s) => {
          const row = own(s, tenantId, id)
          if (row === undefined || row.revokedAt !== null) return ok(false, s)
          return ok(true, withTable(s, TABLE, new Map(rows(s)).set(id, { ...row, revokedAt: at })))
        }),
      revokeAllForUser: (tenantId, userId, at) =>
        store.write((s) => {
          const next = new Map(rows(s))
          let count = 0
          for (const row of next.values()) {
            if (row.tenantId === tenantId && row.userId === userId && row.revokedAt === null) {
              next.set(row.id, { ...row, revokedAt: at })
              count++
            }
          }
          return ok(count, count === 0 ? s : withTable(s, TABLE, next))
        }),
      listByUser: (tenantId, userId) =>
        store.read((s) =>
          [...rows(s).values()]
            .filter((row) => row.tenantId === tenantId && row.userId === userId)
            .sort(newestFirst)
        )
    })
  })
)
