import { UserNotFound } from "@gatehouse/domain"
import { layerMemory } from "@gatehouse/testkit"
import { Data, Effect, Layer, ManagedRuntime, Schema } from "effect"
import Fastify from "fastify"
import { describe, expect, it } from "vitest"
import { gatehouseFrameworkErrors } from "../src/errors/problem.ts"
import { type RouteDeps, registerRoute } from "../src/routes/route.ts"
import { layerShopifyForTests } from "./support/harness.ts"

/** An error the problem table does not know: a handler failing with it would be a 500 at run time. */
class NotInTheTable extends Data.TaggedError("NotInTheTable")<{}> {}

const deps = (): RouteDeps => ({
  runtime: ManagedRuntime.make(Layer.mergeAll(layerMemory, layerShopifyForTests())),
  platformToken: undefined,
  secureCookies: false,
  rateLimit: false,
  importBodyLimit: 1024
})

describe("the HTTP error channel is typed (issue 16, item 4)", () => {
  it("a handler may fail only with an error the problem table knows; that one is answered from the table", async () => {
    const app = Fastify({ frameworkErrors: gatehouseFrameworkErrors })
    const routeDeps = deps()
    registerRoute(app, routeDeps, {
      method: "GET",
      url: "/known",
      tag: "test",
      summary: "fails with a known error",
      auth: "none",
      response: Schema.String,
      handle: () => Effect.fail(new UserNotFound({ userId: "someone" }))
    })
    registerRoute(app, routeDeps, {
      method: "GET",
      url: "/unknown",
      tag: "test",
      summary: "fails with an error no entry maps",
      auth: "none",
      response: Schema.String,
      // @ts-expect-error: `typecheck` fails here when the handler's error type is not `KnownError`
      handle: () => Effect.fail(new NotInTheTable())
    })
    await app.ready()
    const known = await app.inject({ method: "GET", url: "/known" })
    expect([known.statusCode, JSON.parse(known.body).code]).toEqual([404, "NOT_FOUND"])
    // what the compiler now refuses is what used to reach clients as a 500
    const unknown = await app.inject({ method: "GET", url: "/unknown" })
    expect(unknown.statusCode).toBe(500)
    await app.close()
    await routeDeps.runtime.dispose()
  })
})
