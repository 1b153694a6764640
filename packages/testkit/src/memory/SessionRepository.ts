import { type Session, type SessionId, SessionRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

type Sessions = ReadonlyMap<SessionId, Session>
export const SESSIONS = "sessions"
const TABLE = SESSIONS
const rows = (s: State) => table<Sessions>(s, TABLE, new Map())

/** The session of that id in `s`, any tenant (what `findById` reads). */
export const sessionById = (s: State, id: SessionId): Session | undefined => rows(s).get(id)

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
            return ok(undefined, withTable(s, TABLE, setIn(rows(s), session.id, session)))
          })
          .pipe(Effect.orDie),
      findById: (id) => store.read((s) => Option.fromNullishOr(sessionById(s, id))),
      touch: (tenantId, id, at) =>
        store.write((s) => {
          const row = own(s, tenantId, id)
          if (row === undefined || row.revokedAt !== null || at <= row.lastSeenAt) return ok(undefined, s)
          return ok(undefined, withTable(s, TABLE, setIn(rows(s), id, { ...row, lastSeenAt: at })))
        }),
      revoke: (tenantId, id, at) =>
        store.write((s) => {
          const row = own(s, tenantId, id)
          if (row === undefined || row.revokedAt !== null) return ok(false, s)
          return ok(true, withTable(s, TABLE, setIn(rows(s), id, { ...row, revokedAt: at })))
        }),
      revokeAllForUser: (tenantId, userId, at) =>
        store.write((s) => {
          const live = [...rows(s).values()].filter(
            (row) => row.tenantId === tenantId && row.userId === userId && row.revokedAt === null
          )
          if (live.length === 0) return ok(0, s)
          let next = rows(s)
          for (const row of live) next = setIn(next, row.id, { ...row, revokedAt: at })
          return ok(live.length, withTable(s, TABLE, next))
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
