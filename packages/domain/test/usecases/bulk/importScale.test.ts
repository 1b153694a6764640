import { assert, describe, it } from "@effect/vitest"
import { InvitationRepository, importUsers } from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { provide, snapshot } from "../users/support.ts"
import { csvRow, theUser } from "./support.ts"

const ROWS = 100_000

/** The most the heap may hold at any point of the import: rows never all in memory, the store aside. */
const HEAP_LIMIT_MB = 500

/** The largest `heapUsed` seen so far (garbage not yet collected included, so an upper bound of what lives). */
class HeapWatch {
  peakMb = 0
  sample(): void {
    this.peakMb = Math.max(this.peakMb, process.memoryUsage().heapUsed / 2 ** 20)
  }
}

describe("importUsers at scale, in memory", () => {
  it.effect(
    "100,000 generated rows: a dry run, then the import; counts exact, the heap bounded throughout",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
        const heap = new HeapWatch()
        let reads = 0
        // A generator, as a CSV parser over an upload would be: sampled while each pass reads it.
        const rows = function* () {
          reads++
          for (let n = 1; n <= ROWS; n++) {
            if (n % 5_000 === 0) heap.sample()
            yield csvRow({}, n)
          }
        }
        const before = yield* snapshot
        const startDry = performance.now()
        const dry = yield* importUsers(adminActor, rows, { dryRun: true })
        const dryMs = performance.now() - startDry
        heap.sample()
        assert.deepStrictEqual(dry, {
          created: ROWS,
          updated: 0,
          failed: [],
          failedRows: 0,
          dryRun: true,
          emailsSent: 0,
          emailsFailed: 0
        })
        assert.deepStrictEqual(yield* snapshot, before, "a dry run writes nothing")

        const start = performance.now()
        const result = yield* importUsers(adminActor, rows)
        const ms = performance.now() - start
        heap.sample()
        assert.deepStrictEqual(result, {
          created: ROWS,
          updated: 0,
          failed: [],
          failedRows: 0,
          dryRun: false,
          emailsSent: ROWS,
          emailsFailed: 0
        })
        assert.strictEqual(reads, 3, "the dry run reads once, the import twice")

        const state = yield* snapshot
        const imported = [...state.get(memory.tables.Users).values()].filter(
          (u) => u.tenantId === tenant.id && u.status === "pending"
        )
        assert.strictEqual(imported.length, ROWS)
        assert.strictEqual(new Set(imported.map((u) => u.email)).size, ROWS)
        const invitations = [...state.get(memory.InvitationRepository.Invitations).values()]
        assert.strictEqual(invitations.length, ROWS)
        assert.strictEqual(new Set(invitations.map((i) => i.userId)).size, ROWS, "one invitation per user")
        assert.isTrue(invitations.every((i) => i.state === "pending" && i.tenantId === tenant.id))
        const outbox = yield* memory.Mailer.outbox
        assert.strictEqual(outbox.length, ROWS)
        assert.strictEqual(new Set(outbox.map((m) => m.to)).size, ROWS, "one email per user")
        for (const n of [1, 54_321, ROWS]) {
          const user = yield* theUser(tenant, `person${n}@example.com`)
          assert.strictEqual(user.firstName, `First${n}`)
          const own = yield* (yield* InvitationRepository).listByUser(tenant.id, user.id)
          assert.deepStrictEqual(
            own.map((i) => i.state),
            ["pending"]
          )
        }
        const events = state.get(memory.tables.Audit).filter((e) => e.action === "users.imported")
        assert.deepStrictEqual(
          events.map((e) => e.details),
          [{ mode: "all", rows: ROWS, created: ROWS, failedRows: 0, invitationsIssued: ROWS }]
        )

        console.log(
          `importUsers, ${ROWS} rows in memory: dry run ${Math.round(dryMs)} ms, import ${Math.round(ms)} ms, ` +
            `peak heap used ${Math.round(heap.peakMb)} MB`
        )
        assert.isBelow(heap.peakMb, HEAP_LIMIT_MB)
      }).pipe(provide),
    300_000
  )
})
