import { assert, describe, it } from "@effect/vitest"
import { createWebhook, updateWebhook, WebhookRepository } from "@gatehouse/domain"
import { layerMemory, memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer } from "effect"

const provide = Effect.provide(
  Layer.mergeAll(
    Layer.fresh(layerMemory),
    memory.OutboundCalls.layerFake({ refusedHosts: ["internal.example"] })
  )
)

describe("a webhook URL obeys the outbound rule when it is saved", () => {
  it.effect("create refuses a URL the server would not call, naming the field, and stores nothing", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const error = yield* Effect.flip(
        createWebhook(adminActor, { url: "https://internal.example/hook", events: ["*"] })
      )
      assert.deepStrictEqual(
        { tag: error._tag, path: (error as { path?: string }).path, host: (error as { host?: string }).host },
        { tag: "OutboundUrlRefused", path: "url", host: "internal.example" }
      )
      assert.strictEqual((yield* (yield* WebhookRepository).list(tenant.id)).length, 0)
    }).pipe(provide)
  )

  it.effect("update refuses it too and keeps the saved URL", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const { webhook } = yield* createWebhook(adminActor, { url: "https://hooks.example/in", events: ["*"] })
      const error = yield* Effect.flip(
        updateWebhook(adminActor, webhook.id, { url: "https://internal.example/hook" })
      )
      assert.strictEqual(error._tag, "OutboundUrlRefused")
      const [stored] = yield* (yield* WebhookRepository).list(tenant.id)
      assert.strictEqual(stored?.url, "https://hooks.example/in")
    }).pipe(provide)
  )
})
