import { CreateUserInput, createUser, getUser } from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer, Redacted, Schema } from "effect"

// A tenant on the "weevio" preset with its first admin, all in memory.
export const quickstart = Effect.gen(function* () {
  const { adminActor } = yield* seedTenant({ preset: "weevio" })

  // Untrusted input is decoded by the domain's Schemas: the email is trimmed and lower-cased here.
  const input = yield* Schema.decodeUnknownEffect(CreateUserInput)({
    email: "  Alice@Example.com ",
    firstName: "Alice",
    lastName: "Smith",
    role: "Regular",
    credential: { _tag: "Generate" }
  })

  // The admin creates a Regular user with a generated password (forced change at first login).
  const { user, generatedPassword } = yield* createUser(adminActor, input)

  // Rules live in the domain: every caller, HTTP or embedded, gets the same checks.
  const details = yield* getUser(adminActor, user.id)
  return {
    email: details.email,
    mustChangePassword: user.mustChangePassword,
    passwordLength: generatedPassword === undefined ? 0 : Redacted.value(generatedPassword).length
  }
}).pipe(Effect.provide(Layer.fresh(layerMemory)))
