import { assert, type Vitest } from "@effect/vitest"
import { UserRepository } from "@gatehouse/domain"
import { aUser, freshTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { Database, type Repositories } from "../../src/index.ts"
import { USER_COLUMNS } from "../../src/repositories/rows.ts"
import { listingSql, searchedStatement } from "../../src/repositories/userListing.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

interface PlanNode {
  readonly "Node Type": string
  readonly "Relation Name"?: string
  readonly "Function Name"?: string
  readonly Plans?: ReadonlyArray<PlanNode>
}

const nodesOf = (node: PlanNode): ReadonlyArray<PlanNode> => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/**
 * Migration 20 (issue 17): a searched users page reads the matching rows once, from the search function, and
 * not again from the table by key (101 probes of `users_pkey` for 101 of 1,000,000 users: ~40% of the
 * statement's CPU). The plan of the repository's own statement, under the tenant's policy. On PGlite and on the
 * server.
 */
export const userSearchPlanTests = (it: AdapterIt): void => {
  it.effect("a searched users page reads the users through the search function only, once", () =>
    Effect.gen(function* () {
      const db = yield* Database
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      yield* users.insertMany([
        aUser({ tenantId: tenant.id, firstName: "Quetzalcoatl" }),
        aUser({ tenantId: tenant.id, firstName: "Ada" })
      ])
      const query = { q: "QUETZAL", sort: "name", limit: 50 } as const
      const sql = listingSql(tenant.id, query)
      const statement = searchedStatement(sql, USER_COLUMNS, query.limit + 1)
      const rows = yield* db.read<{ "QUERY PLAN": unknown }>(
        tenant.id,
        `EXPLAIN (FORMAT JSON) ${statement}`,
        sql.params
      )
      const json = rows[0]!["QUERY PLAN"]
      const [plan] = (typeof json === "string" ? JSON.parse(json) : json) as ReadonlyArray<{ Plan: PlanNode }>
      const nodes = nodesOf(plan!.Plan)
      assert.deepStrictEqual(
        nodes.filter((node) => node["Relation Name"] === "users").map((node) => node["Node Type"]),
        [],
        "no scan of the users table outside the search function"
      )
      assert.deepStrictEqual(
        nodes.filter((node) => node["Function Name"] !== undefined).map((node) => node["Function Name"]),
        ["gatehouse_search_users"],
        "the search function, called once"
      )
      // the statement the plan was taken of is the one the repository runs: it finds the user
      const page = yield* users.list(tenant.id, query)
      assert.deepStrictEqual(
        page.items.map((user) => user.firstName),
        ["Quetzalcoatl"]
      )
      assert.strictEqual(page.total, 1)
    })
  )
}
