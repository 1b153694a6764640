import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { COLUMNS, type Column, MATRIX } from "./expectations.ts"
import { cellOf, send, takesOrgId, takesUserId } from "./requests.ts"
import { buildWorld, type RouteKey, type World } from "./world.ts"

/** Fastify answers HEAD with the GET handler (exposeHeadRoutes): such a HEAD is its GET's row. */
const servedRoutes = (routes: ReadonlyArray<RouteKey>): ReadonlyArray<RouteKey> =>
  routes.filter((route) => {
    const [method, url] = route.split(" ")
    return method !== "HEAD" || !routes.includes(`GET ${url}` as RouteKey)
  })

/** Columns that exist only where the route has the parameter they vary. */
const OPTIONAL: ReadonlyArray<Column> = ["self", "adminSelf", "portalOtherOrg"]

describe("authorization matrix: every route x every caller", () => {
  let w: World
  beforeAll(async () => {
    w = await buildWorld()
  })
  afterAll(() => w.close())

  it("has exactly one row for every route the app serves, and none for a route it does not", () => {
    const served = servedRoutes(w.routes)
    const rows = MATRIX.map(([route]) => route)
    expect({
      withoutRow: served.filter((route) => !rows.includes(route)),
      withoutRoute: rows.filter((route) => !served.includes(route)),
      duplicated: rows.filter((route, i) => rows.indexOf(route) !== i)
    }).toEqual({ withoutRow: [], withoutRoute: [], duplicated: [] })
  })

  it("leaves a cell out only where the route has no parameter for that caller", () => {
    const misplaced = MATRIX.flatMap(([route, ...cells]) => {
      const path = route.split(" ")[1]!
      const column = (name: Column) => cells[COLUMNS.indexOf(name)]
      return [
        ...(["self", "adminSelf"] as const)
          .filter((name) => (column(name) === "-") === takesUserId(path))
          .map((name) => `${route}: ${name}`),
        ...((column("portalOtherOrg") === "-") === takesOrgId(path) ? [`${route}: portalOtherOrg`] : []),
        ...COLUMNS.filter((name) => !OPTIONAL.includes(name) && column(name) === "-").map(
          (name) => `${route}: ${name}`
        )
      ]
    })
    expect(misplaced).toEqual([])
  })

  describe.each(MATRIX.map((row) => [row[0], row] as const))("%s", (route, row) => {
    it("answers each caller exactly as the table says", async () => {
      const expected: Partial<Record<Column, string>> = {}
      const actual: Partial<Record<Column, string>> = {}
      for (const [i, column] of COLUMNS.entries()) {
        const cell = row[i + 1]!
        if (cell === "-") continue
        // every cell starts from the seeded state: what an earlier cell changed (a delete, a logout) is gone
        await w.restore(w.baseline)
        expected[column] = String(cell)
        actual[column] = cellOf(await send(w, route, column))
      }
      expect(actual).toEqual(expected)
    })
  })
})
