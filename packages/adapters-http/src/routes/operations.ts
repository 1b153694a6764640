import type { FastifyInstance } from "fastify"
import { jsonSchemaOf } from "../schema/jsonSchema.ts"
import { HealthResponse } from "../schema/responses.ts"
import type { RouteDeps } from "./route.ts"

const health = {
  description: "Status",
  content: { "application/json": { schema: jsonSchemaOf(HealthResponse) } }
}
const stringify = () => (value: unknown) => JSON.stringify(value)

/** `/healthz` (the process answers), `/readyz` (the store answers), `/openapi.json`; `/docs` is the UI plugin's. */
export const operationRoutes = (
  app: FastifyInstance,
  _deps: RouteDeps,
  isReady: (() => Promise<boolean>) | undefined
): void => {
  app.route({
    method: "GET",
    url: "/healthz",
    schema: { tags: ["operations"], summary: "Liveness", response: { 200: health } },
    serializerCompiler: stringify,
    handler: async () => ({ status: "ok" })
  })

  app.route({
    method: "GET",
    url: "/readyz",
    schema: {
      tags: ["operations"],
      summary: "Readiness: the store answers",
      response: { 200: health, 503: health }
    },
    serializerCompiler: stringify,
    handler: async (request, reply) => {
      const ready =
        isReady === undefined
          ? true
          : await isReady().catch((error: unknown) => {
              request.log.warn({ err: error }, "readiness check failed")
              return false
            })
      return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "unavailable" })
    }
  })

  app.route({
    method: "GET",
    url: "/openapi.json",
    schema: {
      tags: ["operations"],
      summary: "This OpenAPI 3.1 document",
      response: {
        200: { description: "The document", content: { "application/json": { schema: { type: "object" } } } }
      }
    },
    serializerCompiler: stringify,
    handler: async () => app.swagger()
  })
}
