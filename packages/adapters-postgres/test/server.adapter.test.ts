import { describe, layer } from "@effect/vitest"
import { adapterTests } from "./support/adapterTests.ts"
import { arrayLiteralTests } from "./support/arrayLiteralTests.ts"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"
import { webhookClaimsTests } from "./support/webhookClaimsTests.ts"

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  layer(layerFreshServer(), { excludeTestServices: true })("server adapter", (it) => {
    adapterTests(it)
    webhookClaimsTests(it)
    arrayLiteralTests(it)
  })
})
