import type { FastifyPluginAsync } from "fastify"
import fp from "fastify-plugin"

export interface GatehouseOptions {
  /** Answers `/readyz`: whether the store is reachable. */
  readonly isReady?: () => Promise<boolean>
}

const plugin: FastifyPluginAsync<GatehouseOptions> = async (app, options) => {
  app.get("/healthz", async () => ({ status: "ok" }))
  app.get("/readyz", async (_request, reply) => {
    const ready = options.isReady === undefined ? true : await options.isReady()
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "unavailable" })
  })
}

/** The Gatehouse v1 API as one Fastify plugin. */
export const gatehouse = fp(plugin, { name: "@gatehouse/adapters-http", fastify: "5.x" })
