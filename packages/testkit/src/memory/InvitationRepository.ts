import { type Invitation, type InvitationId, InvitationRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, table, withTable } from "./MemoryStore.ts"

type Invitations = ReadonlyMap<InvitationId, Invitation>
const TABLE = "invitations"
const rows = (s: State) => table<Invitations>(s, TABLE, new Map())

export const layerMemory: Layer.Layer<InvitationRepository, never, MemoryStore> = Layer.effect(
  InvitationRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return InvitationRepository.of({
      insert: (invitation) =>
        store.write((s) =>
          ok(invitation, withTable(s, TABLE, new Map(rows(s)).set(invitation.id, invitation)))
        ),
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
          return ok(true, withTable(s, TABLE, new Map(rows(s)).set(id, accepted)))
        }),
      revokePendingForUser: (tenantId, userId) =>
        store.write((s) => {
          const next = new Map(rows(s))
          let revoked = 0
          for (const row of next.values()) {
            if (row.tenantId === tenantId && row.userId === userId && row.state === "pending") {
              next.set(row.id, { ...row, state: "revoked" })
              revoked++
            }
          }
          return ok(revoked, revoked === 0 ? s : withTable(s, TABLE, next))
        })
    })
  })
)
