// An embedding team's code against the installed tarballs: it type-checks only if the packages ship their types.
import type { GatehouseServices } from "@gatehouse/adapters-http"
import { layerPglite, type Repositories } from "@gatehouse/adapters-postgres"
import { createGatehouseClient, isProblem, ok } from "@gatehouse/client"
import {
  type Actor,
  CreateUserInput,
  createUser,
  type Email,
  getUser,
  type StoreUnavailable,
  type UserId
} from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, type Layer, Schema } from "effect"

type IsAny<T> = 0 extends 1 & T ? true : false
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

// Not `any`: the whole point of shipping declarations.
export const typed: [IsAny<typeof createUser>, IsAny<Actor>, IsAny<GatehouseServices>] = [false, false, false]

// The error channel names each failure: here the three a lookup can end in, handled one by one.
export type LookupError = Effect.Error<ReturnType<typeof getUser>>
export const lookupErrors: Equals<LookupError["_tag"], "Forbidden" | "UserNotFound" | "StoreUnavailable"> =
  true

export const emailOf = (actor: Actor, id: UserId) =>
  getUser(actor, id).pipe(
    Effect.map((user) => user.email),
    Effect.catchTags({
      Forbidden: () => Effect.succeed("hidden"),
      UserNotFound: () => Effect.succeed("gone"),
      StoreUnavailable: () => Effect.succeed("later")
    })
  )
export const handledAll: Equals<Effect.Error<ReturnType<typeof emailOf>>, never> = true

// Branded values come from the Schemas: decoding gives an Email, a plain string does not.
export const decode = Schema.decodeUnknownEffect(CreateUserInput)
export const decodedEmail = (input: Schema.Schema.Type<typeof CreateUserInput>): Email => input.email

// Adapters' layers say what they provide and how they fail.
export const store: Layer.Layer<Repositories, StoreUnavailable> = layerPglite()

// The testkit's builders and in-memory layer, as in the README's quickstart.
export const seeded = seedTenant({ preset: "weevio" }).pipe(
  Effect.flatMap(({ adminActor }) => emailOf(adminActor, "not-an-id" as UserId)),
  Effect.provide(layerMemory)
)
export const runsWithoutServices: Equals<Effect.Services<typeof seeded>, never> = true

export const created = (actor: Actor, input: CreateUserInput) => createUser(actor, input)

// The API client: paths, bodies and answers typed from the OpenAPI document.
export const whoAmI = async (baseUrl: string, token: string): Promise<string> => {
  const client = createGatehouseClient({ baseUrl, token })
  try {
    const me = await ok(client.GET("/v1/me"))
    return me.email
  } catch (error) {
    if (isProblem(error, "UNAUTHENTICATED")) return "signed out"
    throw error
  }
}
