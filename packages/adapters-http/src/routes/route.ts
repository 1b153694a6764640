import { type Actor, InvalidInput, type SessionInvalid, Transactor } from "@gatehouse/domain"
import { Cause, Effect, Exit, type ManagedRuntime, Option, type Redacted, type Schema } from "effect"
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify"
import { platformActorOf, presentedSessionToken, sessionActor } from "../auth/authenticate.ts"
import { Unauthenticated } from "../errors/httpErrors.ts"
import type { KnownError } from "../errors/knownError.ts"
import { entryOfFailure, sendProblem } from "../errors/problem.ts"
import { requestProblems } from "../errors/requestProblems.ts"
import { type InputSchema, jsonDecoder, jsonEncoder, stringTreeDecoder } from "../schema/decode.ts"
import { type JsonSchemaObject, jsonSchemaOf } from "../schema/jsonSchema.ts"
import { ProblemSchema } from "../schema/responses.ts"
import type { GatehouseServices } from "../services.ts"

/** What every route needs from the plugin's options. */
export interface RouteDeps {
  readonly runtime: ManagedRuntime.ManagedRuntime<GatehouseServices, never>
  readonly platformToken: Redacted.Redacted<string> | undefined
  readonly secureCookies: boolean
  readonly rateLimit: { readonly max: number; readonly timeWindow: string | number } | false
  /** The largest users import body in bytes. */
  readonly importBodyLimit: number
}

/**
 * `session`: bearer token or cookie; `sessionToken`: the same, handed to a use case that authenticates it itself
 * (with what it reads next: `GET /v1/me` in one read of the store); `platform`: the platform token; `none`:
 * anonymous (login, setup).
 */
export type AuthMode = "session" | "sessionToken" | "platform" | "none"

export interface HandlerInput<Auth extends AuthMode, P, Q, B> {
  readonly actor: Auth extends "session" | "platform" ? Actor : undefined
  /** With `sessionToken`: the presented session token; the use case's `SessionInvalid` answers 401. */
  readonly token: Auth extends "sessionToken" ? Redacted.Redacted<string> : undefined
  readonly params: P
  readonly query: Q
  readonly body: B
  readonly request: FastifyRequest
}

/**
 * One route of the contract: its schemas (Effect Schemas: decoded with the Effect decoder, shown in OpenAPI as
 * their derived JSON Schema) and a handler that calls one use case and maps its result to the response type.
 */
export interface RouteSpec<Auth extends AuthMode, P, Q, B, R> {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly url: string
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly auth: Auth
  /** Per-IP rate limit (the auth and setup routes), on top of the domain's per-account throttle. */
  readonly rateLimited?: boolean
  readonly params?: InputSchema<P>
  readonly query?: InputSchema<Q>
  readonly body?: InputSchema<B>
  /**
   * Reads a body the JSON decoder cannot take as it is (a webhook's raw bytes, a CSV upload, or either of two
   * forms); it replaces `body`'s decoder, and `bodyContent` documents it.
   */
  readonly readBody?: (body: unknown) => Effect.Effect<B, InvalidInput>
  /** The OpenAPI request body of a route with `readBody`: media type -> JSON Schema. */
  readonly bodyContent?: Readonly<Record<string, JsonSchemaObject>>
  /**
   * The largest request body in bytes (an upload); Fastify's default, 1 MiB, otherwise. A route with its own
   * limit authenticates (and runs `authorize`) in `onRequest`, before a byte of the body is read: an anonymous
   * or unauthorised caller gets its 401/403 without the server buffering and parsing the upload.
   */
  readonly bodyLimit?: number
  /**
   * A domain check run with the actor before the body is read (with `bodyLimit`): whether the actor may call
   * the use case at all. The use case checks again; this only spares the upload.
   */
  readonly authorize?: (actor: Actor) => Effect.Effect<void, KnownError, GatehouseServices>
  /** Request headers, for the OpenAPI document only (the handler reads them). */
  readonly headers?: JsonSchemaObject
  /**
   * The success status when there is a response body (default 200); without `response` it is 204, or 202 when
   * given (accepted, no body).
   */
  readonly status?: 200 | 201 | 202
  readonly response?: Schema.ConstraintCodec<R, unknown, never, never>
  readonly handle: (
    input: HandlerInput<Auth, P, Q, B>
  ) => Effect.Effect<
    R,
    KnownError | (Auth extends "sessionToken" ? SessionInvalid : never),
    GatehouseServices
  >
  /**
   * With `auth: "session"`: authenticate and run the handler in ONE transaction (one BEGIN/COMMIT instead of
   * two), for read routes; the transaction is declared `mostlyReads` (the store may run its first reads on
   * their own). Never for a handler whose use case commits and then fails (a
   * throttle's failed attempt: the outer transaction would roll it back), sends mail after its commit, or
   * calls another service (a held session, and a retry would call it again).
   */
  readonly sharedTransaction?: boolean
  /** Headers and cookies of a success (ETag, the session cookie). */
  readonly onSuccess?: (reply: FastifyReply, value: R, deps: RouteDeps) => void
}

// An empty Struct accepts any object (excess keys are only checked against declared ones), so a route without
// parameters, query or body refuses whatever is sent with an explicit check.
const excess = (keys: ReadonlyArray<string>) =>
  new InvalidInput({ errors: keys.map((path) => ({ path, message: "Expected no excess property" })) })

const nothingExpected = (input: unknown): Effect.Effect<{}, InvalidInput> => {
  if (input === undefined || input === null) return Effect.succeed({})
  if (typeof input !== "object" || Array.isArray(input)) {
    return Effect.fail(new InvalidInput({ errors: [{ path: "", message: "Expected no request body" }] }))
  }
  const keys = Object.keys(input)
  return keys.length === 0 ? Effect.succeed({}) : Effect.fail(excess(keys))
}

const SECURITY: Record<AuthMode, ReadonlyArray<Record<string, ReadonlyArray<string>>> | undefined> = {
  session: [{ bearerAuth: [] }, { sessionCookie: [] }],
  sessionToken: [{ bearerAuth: [] }, { sessionCookie: [] }],
  platform: [{ platformToken: [] }],
  none: undefined
}

const problemResponse = {
  description: "A problem (RFC 9457)",
  content: { "application/problem+json": { schema: jsonSchemaOf(ProblemSchema, { open: true }) } }
}

const mediaTypes = (content: Readonly<Record<string, JsonSchemaObject>>) =>
  Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }]))

// The Effect decoder is the only validator (Fastify's Ajv would strip unknown properties instead of refusing
// them), and responses are encoded by their Effect Schema before they are sent.
const acceptAll = () => (value: unknown) => ({ value })
const stringify = () => (value: unknown) => JSON.stringify(value)

// The actor a route's `onRequest` hook authenticated, for its handler (the same request, not read again).
const earlyActors = new WeakMap<FastifyRequest, Actor>()

/** Answers a failed Effect: a known failure with its problem, a defect as a 500 that says nothing more. */
const replyFailure = (
  request: FastifyRequest,
  reply: FastifyReply,
  cause: Cause.Cause<unknown>
): FastifyReply => {
  // Interrupted only: the runtime is being disposed (shutdown) while the request ran; not a fault.
  if (Cause.hasInterruptsOnly(cause)) return sendProblem(reply, requestProblems.shuttingDown, undefined)
  const failure = Cause.findErrorOption(cause)
  if (Option.isNone(failure)) {
    request.log.error({ err: Cause.squash(cause) }, "request failed")
    return sendProblem(reply, requestProblems.internal, undefined)
  }
  const entry = entryOfFailure(failure.value)
  if (entry.status >= 500) request.log.error({ err: failure.value }, "request failed")
  return sendProblem(reply, entry, failure.value)
}

/** Registers one route on `app`. */
export const registerRoute = <Auth extends AuthMode, P = {}, Q = {}, B = undefined, R = void>(
  app: FastifyInstance,
  deps: RouteDeps,
  spec: RouteSpec<Auth, P, Q, B, R>
): void => {
  const decodeParams = spec.params === undefined ? nothingExpected : stringTreeDecoder<unknown>(spec.params)
  const decodeQuery = spec.query === undefined ? nothingExpected : stringTreeDecoder<unknown>(spec.query)
  const decodeBody =
    spec.readBody ?? (spec.body === undefined ? nothingExpected : jsonDecoder<unknown>(spec.body))
  const hasBody = spec.readBody !== undefined || spec.body !== undefined
  const encode = spec.response === undefined ? undefined : jsonEncoder(spec.response)

  const authenticateRequest = (
    request: FastifyRequest
  ): Effect.Effect<Actor | undefined, unknown, GatehouseServices> =>
    spec.auth === "session"
      ? sessionActor(request)
      : spec.auth === "platform"
        ? platformActorOf(request, deps.platformToken)
        : Effect.succeed(undefined)

  const program = (request: FastifyRequest): Effect.Effect<R, unknown, GatehouseServices> =>
    Effect.gen(function* () {
      // authentication first: an anonymous caller learns nothing from validation messages
      const actor = earlyActors.get(request) ?? (yield* authenticateRequest(request))
      const token = spec.auth === "sessionToken" ? yield* presentedSessionToken(request) : undefined
      const params = yield* decodeParams(request.params ?? {})
      const query = yield* decodeQuery(request.query ?? {})
      const body = yield* decodeBody(request.body)
      const handled: Effect.Effect<R, KnownError | SessionInvalid, GatehouseServices> = spec.handle({
        actor: actor as HandlerInput<Auth, P, Q, B>["actor"],
        token: token as HandlerInput<Auth, P, Q, B>["token"],
        params: params as P,
        query: query as Q,
        body: (hasBody ? body : undefined) as B,
        request
      })
      // a token that authenticates nobody, whatever the reason: 401, as `sessionActor` answers it
      return yield* spec.auth === "sessionToken"
        ? Effect.catchTag(handled, "SessionInvalid", () =>
            Effect.fail(new Unauthenticated({ reason: "invalid" }))
          )
        : handled
    })

  const shared = spec.auth === "session" && spec.sharedTransaction === true
  const run = (request: FastifyRequest) =>
    shared
      ? Transactor.use((transactor) => transactor.withTransaction(program(request), { mostlyReads: true }))
      : program(request)

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const exit = await deps.runtime.runPromiseExit(run(request))
    if (Exit.isSuccess(exit)) {
      // encoded first: a value that does not fit its Schema is a 500 with no cookie or ETag set
      const body = encode?.(exit.value)
      spec.onSuccess?.(reply, exit.value, deps)
      if (encode === undefined) return reply.code(spec.status === 202 ? 202 : 204).send()
      return reply
        .code(spec.status ?? 200)
        .type("application/json; charset=utf-8")
        .send(body)
    }
    return replyFailure(request, reply, exit.cause)
  }

  // An upload route: who is calling, and whether they may, is settled before the body parser runs.
  const authenticateFirst =
    (spec.auth === "session" || spec.auth === "platform") &&
    (spec.bodyLimit !== undefined || spec.authorize !== undefined)
  const onRequest = async (
    request: FastifyRequest,
    reply: FastifyReply
  ): Promise<FastifyReply | undefined> => {
    const exit = await deps.runtime.runPromiseExit(
      Effect.tap(authenticateRequest(request), (actor) =>
        actor === undefined || spec.authorize === undefined ? Effect.void : spec.authorize(actor)
      )
    )
    if (Exit.isFailure(exit)) return replyFailure(request, reply, exit.cause)
    if (exit.value !== undefined) earlyActors.set(request, exit.value)
    return undefined
  }

  const success =
    spec.response === undefined
      ? spec.status === 202
        ? { 202: { description: "Accepted", type: "null" } }
        : { 204: { description: "No content", type: "null" } }
      : {
          [spec.status ?? 200]: {
            description: spec.summary,
            content: { "application/json": { schema: jsonSchemaOf(spec.response) } }
          }
        }

  const security = SECURITY[spec.auth]
  const options: RouteOptions = {
    method: spec.method,
    url: spec.url,
    handler,
    validatorCompiler: acceptAll,
    serializerCompiler: stringify,
    schema: {
      tags: [spec.tag],
      summary: spec.summary,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      ...(security === undefined ? {} : { security }),
      ...(spec.params === undefined ? {} : { params: jsonSchemaOf(spec.params) }),
      ...(spec.query === undefined ? {} : { querystring: jsonSchemaOf(spec.query) }),
      ...(spec.bodyContent !== undefined
        ? { body: { content: mediaTypes(spec.bodyContent) } }
        : spec.body === undefined
          ? {}
          : { body: jsonSchemaOf(spec.body) }),
      ...(spec.headers === undefined ? {} : { headers: spec.headers }),
      response: { ...success, default: problemResponse }
    },
    ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
    ...(authenticateFirst ? { onRequest } : {}),
    ...(spec.rateLimited === true && deps.rateLimit !== false
      ? { config: { rateLimit: deps.rateLimit } }
      : {})
  }
  app.route(options)
}
