import { describe, layer } from "@effect/vitest"
import { SecureRandom } from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Layer } from "effect"
import { loginTests } from "./support/loginTests.ts"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  const services = Layer.mergeAll(
    SecureRandom.layer,
    memory.PasswordHasher.layerFake,
    memory.SecretBox.layerFake
  )
  layer(Layer.merge(layerFreshServer(), services), { excludeTestServices: true })(
    "server: what a login sends",
    (it) => {
      loginTests(it)
    }
  )
})
