import { Writable } from "node:stream"
import { layerMemory } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Schema } from "effect"
import Fastify from "fastify"
import { describe, expect, it } from "vitest"
import { gatehouseFrameworkErrors } from "../src/errors/problem.ts"
import { registerRoute } from "../src/routes/route.ts"
import { layerShopifyForTests } from "./support/harness.ts"

describe("a request in flight when the runtime is disposed (shutdown)", () => {
  it("answers 503 SHUTTING_DOWN and logs no error", async () => {
    const lines: Array<{ level: number; msg: string }> = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)))
        done()
      }
    })
    const runtime = ManagedRuntime.make(Layer.mergeAll(layerMemory, layerShopifyForTests()))
    const app = Fastify({ logger: { level: "info", stream }, frameworkErrors: gatehouseFrameworkErrors })
    let resolveStarted = () => {}
    const started = new Promise<void>((resolve) => {
      resolveStarted = resolve
    })
    registerRoute(
      app,
      { runtime, platformToken: undefined, secureCookies: false, rateLimit: false, importBodyLimit: 1024 },
      {
        method: "GET",
        url: "/slow",
        tag: "test",
        summary: "never answers by itself",
        auth: "none",
        response: Schema.String,
        handle: () =>
          Effect.andThen(
            Effect.sync(() => resolveStarted()),
            Effect.never
          )
      }
    )
    await app.ready()
    const response = app.inject({ method: "GET", url: "/slow" })
    await started
    await runtime.dispose()
    const answered = await response
    expect(answered.statusCode).toBe(503)
    expect(JSON.parse(answered.body)).toMatchObject({ code: "SHUTTING_DOWN", status: 503 })
    expect(lines.filter((line) => line.level >= 50)).toEqual([])
    await app.close()
  })
})
