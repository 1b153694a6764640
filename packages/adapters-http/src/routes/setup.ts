import { CompleteSetupInput, completeSetup, StartSetupInput, startSetup } from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { setupCompletedResponse, setupStartedResponse } from "../encode/responses.ts"
import { originOf } from "../http/origin.ts"
import { SetupCompletedResponse, SetupStartedResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const TOKEN_ERRORS = "Unknown token: 404 TOKEN_INVALID; used: 410 TOKEN_USED; expired: 410 TOKEN_EXPIRED."

/** `/v1/setup/*`: no session; the token travels in the body, never in a URL. Rate limited per IP. */
export const setupRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/setup/start",
    tag: "setup",
    summary: "Check a setup token (without using it)",
    description: `Answers whose account it is, and the TOTP secret to enrol when required. ${TOKEN_ERRORS}`,
    auth: "none",
    rateLimited: true,
    body: StartSetupInput,
    response: SetupStartedResponse,
    handle: ({ body, request }) => startSetup(body, originOf(request)).pipe(Effect.map(setupStartedResponse))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/setup/complete",
    tag: "setup",
    summary: "Complete setup: display name, password, and TOTP when required",
    description: `The user becomes active; log in afterwards. ${TOKEN_ERRORS}`,
    auth: "none",
    rateLimited: true,
    body: CompleteSetupInput,
    response: SetupCompletedResponse,
    handle: ({ body, request }) =>
      completeSetup(body, originOf(request)).pipe(Effect.map(setupCompletedResponse))
  })
}
