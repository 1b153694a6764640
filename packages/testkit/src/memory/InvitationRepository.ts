import { type Invitation, type InvitationId, InvitationRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, mapTable, ok } from "./MemoryStore.ts"

export const Invitations = mapTable<InvitationId, Invitation>("invitations")

export const layerMemory: Layer.Layer<InvitationRepository, never, MemoryStore> = Layer.effect(
  InvitationRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return InvitationRepository.of({
      insert: (invitation) =>
        store.write((_, tx) => {
          tx.set(Invitations, invitation.id, invitation)
          return ok(invitation)
        }),
      // Every id is checked before anything is stored: a taken id (a bug: ids are fresh) stores nothing.
      insertMany: (invitations) =>
        store
          .write((s, tx) => {
            const ids = new Set<InvitationId>()
            for (const { id } of invitations) {
              if (ids.has(id) || s.get(Invitations).has(id)) return fail(`duplicate invitation id ${id}`)
              ids.add(id)
            }
            for (const invitation of invitations) tx.set(Invitations, invitation.id, invitation)
            return ok(undefined)
          })
          .pipe(Effect.orDie),
      findById: (id) => store.read((s) => Option.fromNullishOr(s.get(Invitations).get(id))),
      listByUser: (tenantId, userId) =>
        store.read((s) =>
          [...s.get(Invitations).values()]
            .filter((i) => i.tenantId === tenantId && i.userId === userId)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        ),
      // one write under the store's permit: the check and the change cannot interleave with another caller
      accept: (tenantId, id, at) =>
        store.write((s, tx) => {
          const row = s.get(Invitations).get(id)
          if (row === undefined || row.tenantId !== tenantId) return ok(false)
          if (row.state !== "pending" || row.expiresAt.getTime() <= at.getTime()) return ok(false)
          tx.set(Invitations, id, { ...row, state: "accepted", acceptedAt: at })
          return ok(true)
        }),
      revokePendingForUser: (tenantId, userId) =>
        store.write((s, tx) => {
          const pending = [...s.get(Invitations).values()].filter(
            (row) => row.tenantId === tenantId && row.userId === userId && row.state === "pending"
          )
          for (const row of pending) tx.set(Invitations, row.id, { ...row, state: "revoked" })
          return ok(pending.length)
        })
    })
  })
)
