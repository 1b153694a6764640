import { layer } from "@effect/vitest"
import { layerPglite } from "../src/index.ts"
import { adapterTests } from "./support/adapterTests.ts"

layer(layerPglite(), { excludeTestServices: true })("PGlite adapter", adapterTests)
