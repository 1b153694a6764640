import type { Actor } from "@gatehouse/domain"
import { Effect, type Schema } from "effect"
import type { FastifyInstance } from "fastify"
import type { KnownError } from "../errors/knownError.ts"
import type { InputSchema } from "../schema/decode.ts"
import { list } from "../schema/responses.ts"
import type { GatehouseServices } from "../services.ts"
import { wholeList } from "./actor.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const MANAGE = "Needs groups:manage."
const READ = "Needs groups:manage or users:read."

type UseCase<Args extends ReadonlyArray<unknown>, A> = (
  actor: Actor,
  ...args: Args
) => Effect.Effect<A, KnownError, GatehouseServices>

/** One named catalogue's routes (groups, departments): what differs between the two. */
export interface NamedCatalogueRoutes<Id, Entry extends Schema.Top, CreateInput, UpdateInput> {
  /** The collection's path, e.g. `/v1/groups`; one entry is `<path>/:id`. */
  readonly path: string
  readonly params: InputSchema<{ readonly id: Id }>
  readonly entry: Entry & Schema.ConstraintCodec<Entry["Type"], unknown, never, never>
  readonly createInput: InputSchema<CreateInput>
  readonly updateInput: InputSchema<UpdateInput>
  readonly summaries: {
    readonly list: string
    readonly get: string
    readonly create: string
    readonly update: string
    readonly remove: string
  }
  readonly list: UseCase<[], ReadonlyArray<Entry["Type"]>>
  readonly get: UseCase<[Id], Entry["Type"]>
  readonly create: UseCase<[CreateInput], Entry["Type"]>
  readonly update: UseCase<[Id, UpdateInput], Entry["Type"]>
  readonly remove: UseCase<[Id], void>
}

/** `GET|POST <path>`, `GET|PATCH|DELETE <path>/:id` of a named catalogue: one route set, instantiated twice. */
export const namedCatalogueRoutes = <Id, Entry extends Schema.Top, CreateInput, UpdateInput>(
  app: FastifyInstance,
  deps: RouteDeps,
  c: NamedCatalogueRoutes<Id, Entry, CreateInput, UpdateInput>
): void => {
  const one = `${c.path}/:id`
  const common = { tag: "catalogue", auth: "session" } as const
  registerRoute(app, deps, {
    ...common,
    method: "GET",
    url: c.path,
    summary: c.summaries.list,
    description: READ,
    sharedTransaction: true,
    response: list(c.entry),
    handle: ({ actor }) => c.list(actor).pipe(Effect.map(wholeList))
  })
  registerRoute(app, deps, {
    ...common,
    method: "GET",
    url: one,
    summary: c.summaries.get,
    description: READ,
    sharedTransaction: true,
    params: c.params,
    response: c.entry,
    handle: ({ actor, params }) => c.get(actor, params.id)
  })
  registerRoute(app, deps, {
    ...common,
    method: "POST",
    url: c.path,
    summary: c.summaries.create,
    description: `${MANAGE} 409 NAME_TAKEN.`,
    body: c.createInput,
    status: 201,
    response: c.entry,
    handle: ({ actor, body }) => c.create(actor, body)
  })
  registerRoute(app, deps, {
    ...common,
    method: "PATCH",
    url: one,
    summary: c.summaries.update,
    description: `${MANAGE} 409 NAME_TAKEN.`,
    params: c.params,
    body: c.updateInput,
    response: c.entry,
    handle: ({ actor, params, body }) => c.update(actor, params.id, body)
  })
  registerRoute(app, deps, {
    ...common,
    method: "DELETE",
    url: one,
    summary: c.summaries.remove,
    description: MANAGE,
    params: c.params,
    handle: ({ actor, params }) => c.remove(actor, params.id)
  })
}
