import { assert, describe, it } from "@effect/vitest"
import {
  type Actor,
  attemptDelivery,
  createGroup,
  createUser,
  createWebhook,
  deleteGroup,
  disableUser,
  Email,
  enableUser,
  type GroupId,
  OutboundCalls,
  type OutboundRequest,
  Outbox,
  type RoleName,
  type TenantId,
  type UserId,
  updateGroup
} from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Clock, Effect, Exit, Layer, Schema } from "effect"
import fc from "fast-check"

const email = Schema.decodeUnknownSync(Email)

/** An admin action over a few slots (so names and emails collide and ids go missing: some actions fail). */
type Action =
  | { readonly kind: "createGroup"; readonly name: number }
  | { readonly kind: "renameGroup"; readonly slot: number; readonly name: number }
  | { readonly kind: "deleteGroup"; readonly slot: number }
  | { readonly kind: "createUser"; readonly email: number }
  | { readonly kind: "disableUser"; readonly slot: number }
  | { readonly kind: "enableUser"; readonly slot: number }

const slot = fc.integer({ min: 0, max: 2 })
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("createGroup" as const), name: slot }),
  fc.record({ kind: fc.constant("renameGroup" as const), slot, name: slot }),
  fc.record({ kind: fc.constant("deleteGroup" as const), slot }),
  fc.record({ kind: fc.constant("createUser" as const), email: slot }),
  fc.record({ kind: fc.constant("disableUser" as const), slot }),
  fc.record({ kind: fc.constant("enableUser" as const), slot })
)

/** Runs one action; answers the change it committed (event type and resource id), or undefined when refused. */
const perform = (actor: Actor, groups: Array<GroupId>, users: Array<UserId>, a: Action) => {
  const missing = "00000000-0000-7000-8000-000000000000"
  const run = (): Effect.Effect<{ readonly type: string; readonly id: string }, unknown, never> => {
    switch (a.kind) {
      case "createGroup":
        return createGroup(actor, { name: `Group ${a.name}` }).pipe(
          Effect.tap((g) => Effect.sync(() => groups.push(g.id))),
          Effect.map((g) => ({ type: "group.created", id: g.id }))
        ) as never
      case "renameGroup":
        return updateGroup(actor, (groups[a.slot] ?? missing) as GroupId, { name: `Group ${a.name}` }).pipe(
          Effect.map((g) => ({ type: "group.updated", id: g.id }))
        ) as never
      case "deleteGroup": {
        const id = (groups[a.slot] ?? missing) as GroupId
        return deleteGroup(actor, id).pipe(Effect.as({ type: "group.deleted", id })) as never
      }
      case "createUser":
        return createUser(actor, {
          email: email(`person${a.email}@example.com`),
          firstName: "Pat",
          lastName: "Doe",
          role: "Regular" as RoleName,
          credential: { _tag: "Generate" }
        }).pipe(
          Effect.tap((created) => Effect.sync(() => users.push(created.user.id))),
          Effect.map((created) => ({ type: "user.created", id: created.user.id }))
        ) as never
      case "disableUser":
        return disableUser(actor, (users[a.slot] ?? missing) as UserId).pipe(
          Effect.map((u) => ({ type: "user.disabled", id: u.id }))
        ) as never
      case "enableUser":
        return enableUser(actor, (users[a.slot] ?? missing) as UserId).pipe(
          Effect.map((u) => ({ type: "user.enabled", id: u.id }))
        ) as never
    }
  }
  return Effect.map(Effect.exit(run()), (exit) => (Exit.isSuccess(exit) ? exit.value : undefined))
}

/** A receiver that answers 200 to every call and keeps the requests. */
const receiver = () => {
  const requests: Array<OutboundRequest> = []
  const layer = Layer.succeed(
    OutboundCalls,
    OutboundCalls.of({
      check: () => Effect.void,
      call: (request) => {
        requests.push(request)
        return Effect.succeed({ status: 200, headers: {}, body: "" })
      }
    })
  )
  return { requests, layer }
}

/** Dispatches every due delivery, a claim at a time (in claim order: oldest event first). */
const dispatchAll = Effect.gen(function* () {
  const outbox = yield* Outbox
  while (true) {
    const now = new Date(yield* Clock.currentTimeMillis)
    const claims = yield* outbox.claim({ limit: 5, leaseMillis: 30_000, now })
    if (claims.length === 0) return
    for (const claim of claims) yield* attemptDelivery(claim, { sign: () => "v1,test" })
  }
})

const allEventIds = (tenantId: TenantId) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const ids: Array<string> = []
    let after: string | undefined
    while (true) {
      const page = yield* outbox.events(tenantId, { limit: 50, after })
      for (const e of page.items) ids.push(e.id)
      if (page.items.length === 0) return ids
      after = page.nextCursor
    }
  })

const allEvents = (tenantId: TenantId) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const events: Array<{ readonly type: string; readonly id: string }> = []
    let after: string | undefined
    while (true) {
      const page = yield* outbox.events(tenantId, { limit: 7, after })
      for (const e of page.items) events.push({ type: e.type, id: String((e.data as { id?: unknown }).id) })
      if (page.items.length === 0) return events
      after = page.nextCursor
    }
  })

describe("change events, as a property", () => {
  it("for random admin actions, the feed holds exactly the committed changes, in their order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
        const program = Effect.gen(function* () {
          const { tenant, adminActor } = yield* seedTenant()
          const groups: Array<GroupId> = []
          const users: Array<UserId> = []
          const committed: Array<{ readonly type: string; readonly id: string }> = []
          for (const a of actions) {
            const change = yield* perform(adminActor, groups, users, a)
            if (change !== undefined) committed.push(change)
          }
          assert.deepStrictEqual(yield* allEvents(tenant.id), committed)
        })
        await Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(layerMemory))) as Effect.Effect<void>)
      }),
      { numRuns: 100 }
    )
  }, 120_000)

  it("a webhook on every event receives each committed change once, in commit order, under its event's id", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 15 }), async (actions) => {
        const { requests, layer } = receiver()
        const program = Effect.gen(function* () {
          const { tenant, adminActor } = yield* seedTenant()
          yield* createWebhook(adminActor, { url: "https://receiver.example/all", events: ["*"] })
          const groups: Array<GroupId> = []
          const users: Array<UserId> = []
          for (const a of actions) yield* perform(adminActor, groups, users, a)
          yield* dispatchAll
          assert.deepStrictEqual(
            requests.map((r) => r.headers?.["webhook-id"]),
            yield* allEventIds(tenant.id)
          )
        })
        await Effect.runPromise(
          program.pipe(Effect.provide(Layer.mergeAll(Layer.fresh(layerMemory), layer))) as Effect.Effect<void>
        )
      }),
      { numRuns: 50 }
    )
  }, 120_000)
})
