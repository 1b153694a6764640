import { type AuditEvent, AuditLog } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore, ok } from "./MemoryStore.ts"
import { paginate, positionOf } from "./paginate.ts"
import { Audit } from "./tables.ts"

// Newest first: time descending, then id descending.
const newestFirst = (a: AuditEvent, b: AuditEvent) =>
  b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

export const layerMemory: Layer.Layer<AuditLog, never, MemoryStore> = Layer.effect(
  AuditLog,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return AuditLog.of({
      append: (event) =>
        store.write((_, tx) => {
          tx.append(Audit, [event])
          return ok(undefined)
        }),
      query: (tenantId, query) =>
        store.read((s) => {
          const sorted = s
            .get(Audit)
            .filter(
              (e) =>
                e.tenantId === tenantId &&
                (query.actorId === undefined || e.actorId === query.actorId) &&
                (query.targetId === undefined || e.targetId === query.targetId) &&
                (query.action === undefined || e.action === query.action) &&
                (query.from === undefined || e.at.getTime() >= query.from.getTime()) &&
                (query.before === undefined || e.at.getTime() < query.before.getTime())
            )
            .sort(newestFirst)
          return paginate(sorted, {
            limit: query.limit,
            after: positionOf(query.cursor),
            isAfter: (e, p) => {
              const at = e.at.getTime()
              const key = Number(p.key)
              return at < key || (at === key && e.id < p.id)
            },
            keyOf: (e) => e.at.getTime()
          })
        })
    })
  })
)
