import createClient, { type Client } from "openapi-fetch"
import type { paths } from "./generated/schema.ts"
import { problemFromResponse } from "./problem.ts"

/** The typed client: `client.GET("/v1/me")`, `client.POST("/v1/auth/login", { body })`, ... (openapi-fetch). */
export type GatehouseClient = Client<paths>

export interface GatehouseClientOptions {
  /** The server's origin, e.g. `https://id.example.com` (empty string: the page's own origin). */
  readonly baseUrl: string
  /** A fetch implementation (default: `globalThis.fetch`), e.g. one that adds tracing. */
  readonly fetch?: ((input: Request) => Promise<Response>) | undefined
  /** A session or API token sent as `Authorization: Bearer`; leave it out to rely on the session cookie. */
  readonly token?: string | undefined
  /** Whether the browser sends the session cookie: `same-origin` (default) or `include` (another origin). */
  readonly credentials?: "same-origin" | "include" | "omit" | undefined
}

/** A client of the Gatehouse v1 API, typed by the generated OpenAPI types. */
export const createGatehouseClient = (options: GatehouseClientOptions): GatehouseClient =>
  createClient<paths>({
    baseUrl: options.baseUrl,
    credentials: options.credentials ?? "same-origin",
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }
  })

type Outcome<T> =
  | { readonly data: T; readonly error?: never; readonly response: Response }
  | { readonly data?: never; readonly error: unknown; readonly response: Response }

/**
 * The data type of a call's success. Inferred from the success member only: inferring `T` from `Outcome<T>`
 * would also take the error member's `data?: never`, which is `undefined` unless the project sets
 * `exactOptionalPropertyTypes`, and every answer would read as possibly undefined.
 */
type DataOf<R> = R extends { readonly data: infer T; readonly error?: never } ? T : never

/**
 * The data of a call, or a thrown `GatehouseProblem` when the API answered a problem:
 * `const me = await ok(client.GET("/v1/me"))`. A 204 answers `undefined`.
 */
export const ok = async <R extends Outcome<unknown>>(call: Promise<R>): Promise<DataOf<R>> => {
  const outcome = await call
  if (outcome.response.ok) return outcome.data as DataOf<R>
  throw problemFromResponse(outcome.response, outcome.error)
}
