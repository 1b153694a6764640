import { type Invitation, type InvitationId, InvitationRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

type Invitations = ReadonlyMap<InvitationId, Invitation>
export const INVITATIONS = "invitations"
const TABLE = INVITATIONS
const rows = (s: State) => table<Invitations>(s, TABLE, new Map())

export const layerMemory: Layer.Layer<InvitationRepository, never, MemoryStore> = Layer.effect(
  InvitationRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return InvitationRepository.of({
      insert: (invitation) =>
        store.write((s) => ok(invitation, withTable(s, TABLE, setIn(rows(s), invitation.id, invitation)))),
      // Every id is checked before anything is stored: a taken id (a bug: ids are fresh) stores nothing.
      insertMany: (invitations) =>
        store
          .write((s) => {
            const ids = new Set<InvitationId>()
            for (const { id } of invitations) {
              if (ids.has(id) || rows(s).has(id)) return { error: `duplicate invitation id ${id}` }
              ids.add(id)
            }
            if (invitations.length === 0) return ok(undefined, s)
            let next = rows(s)
            for (const invitation of invitations) next = setIn(next, invitation.id, invitation)
            return ok(undefined, withTable(s, TABLE, next))
          })
          .pipe(Effect.orDie),
      findById: (id) => store.read((s) => Option.fromNullishOr(rows(s).get(id))),
      listByUser: (tenantId, userId) =>
        store.read((s) =>
          [...rows(s).values()]
            .filter((i) => i.tenantId === tenantId && i.userId === userId)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        ),
      // one write under the store's permit: the check and the change cannot interleave with another caller
      accept: (tenantId, id, at) =>
        store.write((s) => {
          const row = rows(s).get(id)
          if (row === undefined || row.tenantId !== tenantId) return ok(false, s)
          if (row.state !== "pending" || row.expiresAt.getTime() <= at.getTime()) return ok(false, s)
          const accepted: Invitation = { ...row, state: "accepted", acceptedAt: at }
          return ok(true, withTable(s, TABLE, setIn(rows(s), id, accepted)))
        }),
      revokePendingForUser: (tenantId, userId) =>
        store.write((s) => {
          const pending = [...rows(s).values()].filter(
            (row) => row.tenantId === tenantId && row.userId === userId && row.state === "pending"
          )
          if (pending.length === 0) return ok(0, s)
          let next = rows(s)
          for (const row of pending) next = setIn(next, row.id, { ...row, state: "revoked" })
          return ok(pending.length, withTable(s, TABLE, next))
        })
    })
  })
)

/** The invitations table of a state (every tenant), for the other in-memory readers. */
export { rows as invitationRows }
