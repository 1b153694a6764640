import { assert } from "@effect/vitest"
import {
  type AuditEvent,
  type AuditEventId,
  AuditLog,
  type AuditQuery,
  type TenantId,
  Transactor,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import { Data, Effect, type Layer } from "effect"
import { anId, aUser } from "../builders.ts"
import {
  type ContractIt,
  freshTenant,
  idsOf,
  type Repositories,
  registerContract,
  walkPages
} from "./support.ts"

const anEvent = (overrides: Partial<AuditEvent> & { readonly tenantId: TenantId }): AuditEvent => ({
  id: anId<AuditEventId>(),
  at: new Date("2026-04-01T10:00:00.000Z"),
  actorKind: "user",
  actorId: null,
  action: "user.updated",
  targetType: "user",
  targetId: null,
  details: {},
  ...overrides
})

// The order `query` promises: newest first by time, then by id (descending).
const newestFirst = (a: AuditEvent, b: AuditEvent) =>
  b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

const queryAll = (tenantId: TenantId, query: Omit<AuditQuery, "cursor">) =>
  Effect.flatMap(AuditLog, (audit) =>
    walkPages(query.limit, (cursor) =>
      audit.query(tenantId, { ...query, ...(cursor === undefined ? {} : { cursor }) })
    )
  )

class Boom extends Data.TaggedError("Boom")<{}> {}

/** The AuditLog guarantees: append-only, newest first with filters and total, joins transactions, isolation. */
export const auditLogTests = (it: ContractIt): void => {
  it.effect("query returns the tenant's events newest first (time, then id), over pages, with total", () =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const { tenant } = yield* freshTenant()
      const minute = (m: number) => new Date(Date.UTC(2026, 3, 1, 10, m))
      // Several events share an instant, so the id decides their order.
      const events = [0, 5, 5, 5, 2, 9, 2, 7].map((m, i) =>
        anEvent({
          tenantId: tenant.id,
          at: minute(m),
          details: { index: i, nested: { ok: true }, list: [1, "a"] }
        })
      )
      for (const event of events) yield* audit.append(event)
      const expected = [...events].sort(newestFirst)
      const all = yield* audit.query(tenant.id, { limit: 200 })
      assert.deepStrictEqual(all.items, expected)
      assert.strictEqual(all.total, events.length)
      assert.isNull(all.nextCursor)
      for (const limit of [1, 3, 8]) {
        const walked = yield* queryAll(tenant.id, { limit })
        assert.deepStrictEqual(idsOf(walked.rows), idsOf(expected), `limit ${limit}`)
        assert.strictEqual(walked.total, events.length)
      }
    })
  )

  it.effect("filters by actorId, targetId and action, alone and together; total follows the filter", () =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const { tenant } = yield* freshTenant()
      const [alice, bob] = [anId<UserId>(), anId<UserId>()]
      const events = [
        anEvent({ tenantId: tenant.id, actorId: alice, targetId: bob, action: "user.updated" }),
        anEvent({ tenantId: tenant.id, actorId: alice, targetId: "org-1", action: "organization.created" }),
        anEvent({ tenantId: tenant.id, actorId: bob, targetId: bob, action: "user.updated" }),
        anEvent({
          tenantId: tenant.id,
          actorKind: "platform",
          actorId: null,
          targetId: null,
          action: "tenant.created"
        }),
        anEvent({ tenantId: tenant.id, actorId: bob, targetId: alice, action: "auth.login_failed" })
      ].map((e, i) => ({ ...e, at: new Date(Date.UTC(2026, 3, 1, 10, i)) }))
      for (const event of events) yield* audit.append(event)
      const expect = (query: Omit<AuditQuery, "limit" | "cursor">, keep: (e: AuditEvent) => boolean) =>
        Effect.gen(function* () {
          const walked = yield* queryAll(tenant.id, { ...query, limit: 2 })
          const expected = events.filter(keep).sort(newestFirst)
          assert.deepStrictEqual(idsOf(walked.rows), idsOf(expected), JSON.stringify(query))
          assert.strictEqual(walked.total, expected.length)
        })
      yield* expect({ actorId: alice }, (e) => e.actorId === alice)
      yield* expect({ targetId: bob }, (e) => e.targetId === bob)
      yield* expect({ action: "user.updated" }, (e) => e.action === "user.updated")
      yield* expect(
        { actorId: bob, action: "user.updated" },
        (e) => e.actorId === bob && e.action === "user.updated"
      )
      yield* expect({ actorId: alice, targetId: alice }, () => false)
      yield* expect({}, () => true)
    })
  )

  it.effect(
    "filters by a time window (from inclusive, before exclusive) with the others; total follows",
    () =>
      Effect.gen(function* () {
        const audit = yield* AuditLog
        const { tenant } = yield* freshTenant()
        const actor = anId<UserId>()
        const at = (second: number) => new Date(Date.UTC(2026, 3, 1, 10, 0, second, 250))
        const events = [0, 10, 10, 20, 30, 40].map((second, i) =>
          anEvent({
            tenantId: tenant.id,
            at: at(second),
            actorId: i % 2 === 0 ? actor : null,
            action: i === 5 ? "user.deleted" : "user.updated"
          })
        )
        for (const event of events) yield* audit.append(event)
        const check = (query: Omit<AuditQuery, "limit" | "cursor">, keep: (e: AuditEvent) => boolean) =>
          Effect.gen(function* () {
            const walked = yield* queryAll(tenant.id, { ...query, limit: 2 })
            const expected = events.filter(keep).sort(newestFirst)
            assert.deepStrictEqual(idsOf(walked.rows), idsOf(expected), JSON.stringify(query))
            assert.strictEqual(walked.total, expected.length, JSON.stringify(query))
          })
        const t = (e: AuditEvent) => e.at.getTime()
        yield* check({ from: at(10) }, (e) => t(e) >= at(10).getTime())
        yield* check({ before: at(10) }, (e) => t(e) < at(10).getTime())
        yield* check(
          { from: at(10), before: at(30) },
          (e) => t(e) >= at(10).getTime() && t(e) < at(30).getTime()
        )
        // a millisecond either side of an event's instant
        yield* check({ from: new Date(at(20).getTime() + 1) }, (e) => t(e) > at(20).getTime())
        yield* check({ before: new Date(at(20).getTime() + 1) }, (e) => t(e) <= at(20).getTime())
        yield* check(
          { from: at(0), before: at(40), actorId: actor },
          (e) => e.actorId === actor && t(e) < at(40).getTime()
        )
        yield* check({ from: at(30), action: "user.deleted" }, (e) => e.action === "user.deleted")
        yield* check({ from: at(41) }, () => false)
      })
  )

  it.effect("events remain, unchanged, after their actor and target are deleted", () =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const actor = yield* users.insert(aUser({ tenantId: tenant.id }))
      const target = yield* users.insert(aUser({ tenantId: tenant.id }))
      const event = anEvent({
        tenantId: tenant.id,
        actorId: actor.id,
        targetId: target.id,
        details: { by: "test" }
      })
      yield* audit.append(event)
      yield* users.delete(tenant.id, target.id)
      yield* users.delete(tenant.id, actor.id)
      assert.deepStrictEqual((yield* audit.query(tenant.id, { actorId: actor.id, limit: 10 })).items, [event])
      assert.deepStrictEqual((yield* audit.query(tenant.id, { targetId: target.id, limit: 10 })).items, [
        event
      ])
    })
  )

  it.effect("append joins the caller's transaction: the event of a failed transaction is never visible", () =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const transactor = yield* Transactor
      const { tenant } = yield* freshTenant()
      const kept = anEvent({ tenantId: tenant.id, action: "kept" })
      const lost = anEvent({ tenantId: tenant.id, action: "lost" })
      yield* transactor.withTransaction(audit.append(kept))
      const failed = yield* Effect.flip(
        transactor.withTransaction(Effect.andThen(audit.append(lost), Effect.fail(new Boom())))
      )
      assert.strictEqual(failed._tag, "Boom")
      const page = yield* audit.query(tenant.id, { limit: 10 })
      assert.deepStrictEqual(idsOf(page.items), [kept.id])
      assert.strictEqual(page.total, 1)
    })
  )

  it.effect("query never returns another tenant's events", () =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const actorId = anId<UserId>()
      const ours = anEvent({ tenantId: tenant.id, actorId })
      yield* audit.append(ours)
      yield* audit.append(anEvent({ tenantId: other.id, actorId }))
      const page = yield* audit.query(tenant.id, { actorId, limit: 10 })
      assert.deepStrictEqual(idsOf(page.items), [ours.id])
      assert.strictEqual(page.total, 1)
    })
  )
}

/** Runs the AuditLog contract against one implementation (built once for the suite). */
export const auditLogContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`AuditLog contract (${name})`, layer, auditLogTests)
