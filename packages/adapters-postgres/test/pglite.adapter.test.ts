import { layer } from "@effect/vitest"
import { layerPglite } from "../src/index.ts"
import { adapterTests } from "./support/adapterTests.ts"
import { arrayLiteralTests } from "./support/arrayLiteralTests.ts"
import { webhookClaimsTests } from "./support/webhookClaimsTests.ts"

layer(layerPglite(), { excludeTestServices: true })("PGlite adapter", (it) => {
  adapterTests(it)
  webhookClaimsTests(it)
  arrayLiteralTests(it)
})
