import { assert, describe, it } from "@effect/vitest"
import { type Email, Mailer } from "@gatehouse/domain"
import { Effect, Logger } from "effect"
import { invitationMessage, layerLog } from "../src/index.ts"

describe("log Mailer", () => {
  it.effect(
    "writes the recipient, subject and the text body with its link to the log, and sends nothing",
    () =>
      Effect.gen(function* () {
        const lines: Array<unknown> = []
        const capture = Logger.make((options) => {
          lines.push(options.message)
        })
        const link = "http://127.0.0.1:3000/setup#token=abc.def"
        const message = invitationMessage(
          { name: "Local Dev", preset: "weevio" },
          { email: "dev@example.com" as Email, firstName: "Dev" },
          link,
          new Date("2026-01-01T00:00:00.000Z")
        )
        yield* Mailer.use((mailer) => mailer.send(message)).pipe(
          Effect.provide(layerLog),
          Effect.provide(Logger.layer([capture]))
        )
        const logged = lines.flat().map(String).join("\n")
        assert.include(logged, "To: dev@example.com")
        assert.include(logged, "Subject: Your Local Dev account is ready")
        assert.include(logged, link)
      })
  )
})
