import { assert } from "@effect/vitest"
import { type TenantId, Transactor, type User, UserRepository, type UserStatus } from "@gatehouse/domain"
import { Effect } from "effect"
import fc from "fast-check"
import { aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, storeProperty } from "./support.ts"

const STATUSES: ReadonlyArray<UserStatus> = ["pending", "active", "disabled", "deactivated"]

/** One write to a tenant's users; `slot` picks an existing user (modulo their number). */
type Step =
  | { readonly kind: "insert"; readonly status: UserStatus }
  | { readonly kind: "insertMany"; readonly statuses: ReadonlyArray<UserStatus> }
  | { readonly kind: "setStatus"; readonly slot: number; readonly status: UserStatus }
  | { readonly kind: "delete"; readonly slot: number }
  | { readonly kind: "rolledBack"; readonly steps: ReadonlyArray<Step> }

const status = fc.constantFrom(...STATUSES)
const write: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), status }),
  fc.record({ kind: fc.constant("insertMany" as const), statuses: fc.array(status, { maxLength: 6 }) }),
  fc.record({ kind: fc.constant("setStatus" as const), slot: fc.nat(), status }),
  fc.record({ kind: fc.constant("delete" as const), slot: fc.nat() })
)
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: write, weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("rolledBack" as const),
      steps: fc.array(write, { minLength: 1, maxLength: 4 })
    }),
    weight: 1
  }
)

class RolledBack {
  readonly _tag = "RolledBack"
}

/** Applies one step to the store and to the model (the users the store should hold). */
const apply = (
  tenantId: TenantId,
  model: Map<string, User>,
  current: Step
): Effect.Effect<void, never, Repositories> =>
  Effect.gen(function* () {
    const users = yield* UserRepository
    const pick = (slot: number) => [...model.values()][slot % model.size]
    switch (current.kind) {
      case "insert": {
        const user = yield* Effect.orDie(users.insert(aUser({ tenantId, status: current.status })))
        model.set(user.id, user)
        return
      }
      case "insertMany": {
        const batch = current.statuses.map((s) => aUser({ tenantId, status: s }))
        yield* Effect.orDie(users.insertMany(batch))
        for (const user of batch) model.set(user.id, user)
        return
      }
      case "setStatus": {
        const user = pick(current.slot)
        if (user === undefined) return
        const updated = yield* Effect.orDie(users.update({ ...user, status: current.status }, user.version))
        model.set(updated.id, updated)
        return
      }
      case "delete": {
        const user = pick(current.slot)
        if (user === undefined) return
        yield* Effect.orDie(users.delete(tenantId, user.id))
        model.delete(user.id)
        return
      }
      case "rolledBack": {
        // the steps run on a copy of the model; the transaction fails, so neither the store nor the model keep them
        const copy = new Map(model)
        const transactor = yield* Transactor
        yield* Effect.ignore(
          transactor.withTransaction(
            Effect.andThen(
              Effect.forEach(current.steps, (inner) => apply(tenantId, copy, inner), { discard: true }),
              Effect.fail(new RolledBack())
            )
          )
        )
        return
      }
    }
  })

/** `total` of the unfiltered list and of each status filter equals the model's counts. */
const checkTotals = (tenantId: TenantId, model: Map<string, User>, after: string) =>
  Effect.gen(function* () {
    const users = yield* UserRepository
    const all = yield* users.list(tenantId, { sort: "name", limit: 1 })
    assert.strictEqual(all.total, model.size, `total after ${after}`)
    for (const s of STATUSES) {
      const page = yield* users.list(tenantId, { status: s, sort: "created", limit: 1 })
      const expected = [...model.values()].filter((u) => u.status === s).length
      assert.strictEqual(page.total, expected, `total of ${s} after ${after}`)
    }
  })

/**
 * `total` stays exact through every kind of write (a store may keep counters instead of counting): inserts one
 * by one and in bulk, status changes, deletes, and writes of a transaction that is rolled back; a second
 * tenant's writes never change the first's totals.
 */
/** Applies the steps to one tenant while another tenant gets writes too, checking the totals after each. */
const checkSteps = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function* () {
    const { tenant } = yield* freshTenant()
    const { tenant: other } = yield* freshTenant()
    const model = new Map<string, User>()
    const otherModel = new Map<string, User>()
    for (const [i, current] of steps.entries()) {
      yield* apply(tenant.id, model, current)
      yield* apply(other.id, otherModel, { kind: "insert", status: "active" })
      yield* checkTotals(tenant.id, model, `step ${i} (${current.kind})`)
    }
    yield* checkTotals(other.id, otherModel, "the other tenant's writes")
  })

export const userTotalTests = (it: ContractIt): void => {
  storeProperty(
    it,
    "list total: exact after inserts, bulk inserts, status changes, deletes and rollbacks (property)",
    fc.array(step, { minLength: 1, maxLength: 12 }),
    checkSteps,
    { numRuns: 30, timeout: 120_000 }
  )
}
