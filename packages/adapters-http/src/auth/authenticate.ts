import {
  type Actor,
  authenticateSession,
  Forbidden,
  platformActor,
  type StoreUnavailable
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import type { FastifyRequest } from "fastify"
import { Unauthenticated } from "../errors/httpErrors.ts"
import type { GatehouseServices } from "../services.ts"
import { presentedCredential } from "./credentials.ts"
import { isPlatformToken } from "./platformToken.ts"

/** The session token a request presents (bearer token or cookie); `Unauthenticated` without one. */
export const presentedSessionToken = (
  request: FastifyRequest
): Effect.Effect<Redacted.Redacted<string>, Unauthenticated> => {
  const credential = presentedCredential(request)
  return credential._tag === "Token"
    ? Effect.succeed(Redacted.make(credential.token))
    : Effect.fail(new Unauthenticated({ reason: credential._tag === "None" ? "missing" : "invalid" }))
}

/**
 * The actor of a request with a session: the bearer token or the session cookie, turned into an Actor by the
 * domain's `authenticateSession` (the only way an identity enters a use case). Restricted scopes travel on the
 * Actor; each use case decides whether its step allows them.
 */
export const sessionActor = (
  request: FastifyRequest
): Effect.Effect<Actor, Unauthenticated | StoreUnavailable, GatehouseServices> => {
  return Effect.flatMap(presentedSessionToken(request), (token) =>
    authenticateSession(token).pipe(
      Effect.catchTag("SessionInvalid", () => Effect.fail(new Unauthenticated({ reason: "invalid" })))
    )
  )
}

/**
 * The platform operator: the configured platform token as a bearer token (never a cookie), compared in
 * constant time. Without a configured token, tenant creation is switched off.
 */
export const platformActorOf = (
  request: FastifyRequest,
  configured: Redacted.Redacted<string> | undefined
): Effect.Effect<Actor, Unauthenticated | Forbidden> => {
  if (configured === undefined) {
    return Effect.fail(new Forbidden({ reason: "Tenant creation is not enabled on this server" }))
  }
  const credential = presentedCredential(request)
  if (credential._tag === "None") return Effect.fail(new Unauthenticated({ reason: "missing" }))
  return credential._tag === "Token" &&
    credential.source === "bearer" &&
    isPlatformToken(credential.token, configured)
    ? Effect.succeed(platformActor)
    : Effect.fail(new Unauthenticated({ reason: "invalid" }))
}
