import { describe, layer } from "@effect/vitest"
import { actorDirectoryTests } from "./support/actorDirectoryTests.ts"
import { adapterTests } from "./support/adapterTests.ts"
import { arrayLiteralTests } from "./support/arrayLiteralTests.ts"
import { definerFunctionTests } from "./support/definerFunctionTests.ts"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"
import { userSearchPlanTests } from "./support/userSearchPlanTests.ts"
import { userStatisticsTests } from "./support/userStatisticsTests.ts"

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  layer(layerFreshServer(), { excludeTestServices: true })("server adapter", (it) => {
    adapterTests(it)
    actorDirectoryTests(it)
    arrayLiteralTests(it)
    definerFunctionTests(it)
    userStatisticsTests(it)
    userSearchPlanTests(it)
  })
})
