import { layer } from "@effect/vitest"
import { layerPglite } from "../src/index.ts"
import { actorDirectoryTests } from "./support/actorDirectoryTests.ts"
import { adapterTests } from "./support/adapterTests.ts"
import { arrayLiteralTests } from "./support/arrayLiteralTests.ts"
import { definerFunctionTests } from "./support/definerFunctionTests.ts"
import { userSearchPlanTests } from "./support/userSearchPlanTests.ts"
import { userStatisticsTests } from "./support/userStatisticsTests.ts"

layer(layerPglite(), { excludeTestServices: true })("PGlite adapter", (it) => {
  adapterTests(it)
  actorDirectoryTests(it)
  arrayLiteralTests(it)
  definerFunctionTests(it)
  userStatisticsTests(it)
  userSearchPlanTests(it)
})
