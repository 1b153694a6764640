import { layer } from "@effect/vitest"
import { SecureRandom } from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Layer } from "effect"
import { layerPglite } from "../src/index.ts"
import { loginTests } from "./support/loginTests.ts"

const services = Layer.mergeAll(
  SecureRandom.layer,
  memory.PasswordHasher.layerFake,
  memory.SecretBox.layerFake
)

layer(Layer.merge(layerPglite(), services), { excludeTestServices: true })(
  "PGlite: what a login sends",
  (it) => {
    loginTests(it)
  }
)
