import { type Session, type SessionId, SessionRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, mapTable, ok, type View } from "./MemoryStore.ts"

export const Sessions = mapTable<SessionId, Session>("sessions")

/** The session of that id in `s`, any tenant (what `findById` reads). */
export const sessionById = (s: View, id: SessionId): Session | undefined => s.get(Sessions).get(id)

const newestFirst = (a: Session, b: Session): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

export const layerMemory: Layer.Layer<SessionRepository, never, MemoryStore> = Layer.effect(
  SessionRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (s: View, tenantId: string, id: SessionId) => {
      const row = s.get(Sessions).get(id)
      return row !== undefined && row.tenantId === tenantId ? row : undefined
    }
    return SessionRepository.of({
      insert: (session) =>
        store
          .write((s, tx) => {
            if (s.get(Sessions).has(session.id)) return fail(`duplicate session id ${session.id}`)
            tx.set(Sessions, session.id, session)
            return ok(undefined)
          })
          .pipe(Effect.orDie),
      findById: (id) => store.read((s) => Option.fromNullishOr(sessionById(s, id))),
      touch: (tenantId, id, at) =>
        store.write((s, tx) => {
          const row = own(s, tenantId, id)
          if (row === undefined || row.revokedAt !== null || at <= row.lastSeenAt) return ok(undefined)
          tx.set(Sessions, id, { ...row, lastSeenAt: at })
          return ok(undefined)
        }),
      revoke: (tenantId, id, at) =>
        store.write((s, tx) => {
          const row = own(s, tenantId, id)
          if (row === undefined || row.revokedAt !== null) return ok(false)
          tx.set(Sessions, id, { ...row, revokedAt: at })
          return ok(true)
        }),
      revokeAllForUser: (tenantId, userId, at) =>
        store.write((s, tx) => {
          const live = [...s.get(Sessions).values()].filter(
            (row) => row.tenantId === tenantId && row.userId === userId && row.revokedAt === null
          )
          for (const row of live) tx.set(Sessions, row.id, { ...row, revokedAt: at })
          return ok(live.length)
        }),
      listByUser: (tenantId, userId) =>
        store.read((s) =>
          [...s.get(Sessions).values()]
            .filter((row) => row.tenantId === tenantId && row.userId === userId)
            .sort(newestFirst)
        )
    })
  })
)
