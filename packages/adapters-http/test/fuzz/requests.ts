import fc from "fast-check"
import { REQUESTS, urlFor } from "../matrix/requests.ts"
import type { RouteKey, World } from "../matrix/world.ts"
import { PASSWORD, PLATFORM_TOKEN } from "../support/harness.ts"
import {
  bodies,
  csvPayloads,
  type Hints,
  type JsonSchema,
  nasty,
  queries,
  rawPayloads
} from "./arbitraries.ts"

/** A route to fuzz, with the request schemas the OpenAPI document gives it. */
export interface Operation {
  readonly route: RouteKey
  readonly body?: JsonSchema | undefined
  /** The route also takes `text/csv` (the users import). */
  readonly csv: boolean
  readonly query: ReadonlyArray<{ readonly name: string; readonly schema?: JsonSchema }>
}

/** One request as `inject` takes it. */
export interface Sent {
  readonly url: string
  readonly query: Record<string, string | Array<string>>
  readonly headers: Record<string, string>
  readonly payload: string | undefined
}

type OpenApiOperation = {
  readonly parameters?: ReadonlyArray<{
    readonly in: string
    readonly name: string
    readonly schema?: JsonSchema
  }>
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: JsonSchema }> }
}

/** Every route the app serves (a HEAD that mirrors a GET aside), with its schemas from the OpenAPI document. */
export const operationsOf = (
  w: World,
  paths: Record<string, Record<string, OpenApiOperation>>
): Array<Operation> =>
  w.routes
    .filter((route) => {
      const [method, url] = route.split(" ")
      return method !== "HEAD" || !w.routes.includes(`GET ${url}` as RouteKey)
    })
    .map((route) => {
      const [method, url] = route.split(" ") as [string, string]
      const operation = paths[url.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()]
      return {
        route,
        body: operation?.requestBody?.content?.["application/json"]?.schema,
        csv: operation?.requestBody?.content?.["text/csv"] !== undefined,
        query: (operation?.parameters ?? []).filter((p) => p.in === "query")
      }
    })

/** World values worth mixing into generated requests, so that some of them name what exists and pass. */
export const hintsOf = (w: World): Hints => ({
  ids: [...Object.values(w.users), w.orgA, w.orgB, w.group, w.department, w.regularSession].filter((value) =>
    /^[0-9a-f]{8}-/u.test(value)
  ),
  byName: {
    tenant: [w.slug],
    email: [w.users.regularEmail, "fuzz@acme.test"],
    password: [PASSWORD, "Candidate-Pass-42"],
    currentPassword: [PASSWORD],
    newPassword: ["Vx7#Lumen-Falcon-Prism"],
    token: [w.pendingSetupToken],
    role: ["Admin", "Regular", "Limited", "Portal User"],
    code: ["123456"],
    totp: ["123456"],
    slug: ["fuzz-tenant"],
    expiresAt: ["2030-01-01T00:00:00.000Z", "2000-01-01T00:00:00.000Z", "not a date"],
    username: ["fuzz"],
    verifyUrl: ["https://pims.example/verify", "javascript:alert(1)"],
    phone: ["+14155550199"],
    language: ["en-GB"],
    firstName: ["Nell", "Zoë"],
    lastName: ["O'Brien", "Ng"],
    displayName: ["Nell N."],
    name: ["Fuzz Org", "Night shift"],
    shopDomain: [w.shopify.shopDomain],
    accessToken: [w.shopify.accessToken],
    endpoint: [w.shopify.endpoint(), "http://169.254.169.254/latest"],
    q: ["Rita", "%", "_"],
    cursor: ["eyJrIjoxfQ", "!!"]
  }
})

const textOf = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""))

/** Percent-encodes the UTF-8 bytes of `value` (a lone surrogate becomes U+FFFD, as a client would send it). */
const percentEncoded = (value: string): string =>
  [...Buffer.from(value, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("")

/**
 * A path parameter nobody would send. It always percent-decodes and stays under Fastify's 100-character
 * `maxParamLength`: what breaks those is answered by the router before the plugin (frameworkErrors.test.ts).
 */
const oddSegment = fc.oneof(
  fc.uuid(),
  fc.constantFrom("..", "%2e%2e", "%2F", "%00", "%25", "null", "00000000-0000-0000-0000-000000000000"),
  fc
    .oneof(fc.string({ maxLength: 16 }), fc.string({ unit: "binary", maxLength: 8 }), nasty.map(textOf))
    .map((value) => percentEncoded(value.slice(0, 90)) || "x")
)

/**
 * Requests to one route as the Admin (the platform token for the `/v1/tenants` routes): the world's ids in the path
 * (now and then odd segments), near-valid or broken bodies from the route's schema, CSV for the import, query
 * strings from its declared parameters, sometimes a foreign media type, the session cookie, an If-Match.
 */
export const requestOf = (w: World, operation: Operation, hints: Hints): fc.Arbitrary<Sent> => {
  const [method, path] = operation.route.split(" ") as [string, string]
  const spec = REQUESTS[operation.route] ?? {}
  const filled = urlFor(w, path, "admin", spec)
  const odd = fc
    .array(oddSegment, { minLength: 4, maxLength: 4 })
    .map((segments) => path.replace(/:\w+|\*/g, () => segments.pop()!))
  const url = fc.oneof({ weight: 6, arbitrary: fc.constant(filled.url) }, { weight: 1, arbitrary: odd })
  const query =
    operation.query.length > 0
      ? queries(operation.query, hints)
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: queries([{ name: "limit" }, { name: "x" }], hints) }
        )
  const json = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value) => ({ body: JSON.stringify(value), type: "application/json" }))
  const raw = rawPayloads.map((body) => ({ body, type: "application/json" }))
  const none = fc.constant({ body: undefined, type: "" })
  const payload = fc.oneof(
    ...(operation.body === undefined
      ? [
          { weight: 3, arbitrary: none },
          { weight: 1, arbitrary: json(nasty) },
          { weight: 1, arbitrary: raw }
        ]
      : [
          { weight: 8, arbitrary: json(bodies(operation.body, hints)) },
          { weight: 1, arbitrary: none },
          { weight: 1, arbitrary: raw }
        ]),
    ...(operation.csv
      ? [{ weight: 6, arbitrary: csvPayloads.map((body) => ({ body, type: "text/csv" })) }]
      : [])
  )
  // now and then a media type the route does not take (415), or JSON under another name
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-16",
        "text/csv",
        "application/octet-stream",
        "multipart/form-data; boundary=x"
      )
    }
  )
  // the session cookie instead of the bearer token, now and then: the same admin
  const byCookie = fc.oneof(
    { weight: 5, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) }
  )
  const ifMatch =
    method === "PATCH"
      ? fc.option(
          fc.oneof(fc.constant(w.etags.get(filled.userId ?? "") ?? 'W/"1"'), fc.string({ maxLength: 12 }))
        )
      : fc.constant(null)
  const token = path.startsWith("/v1/tenants") ? PLATFORM_TOKEN : w.tokens.admin
  return fc
    .record({ url, query, payload, contentType, ifMatch, byCookie })
    .map(({ url, query, payload, contentType, ifMatch, byCookie }) => ({
      url,
      query,
      payload: payload.body,
      headers: {
        ...(byCookie && token !== PLATFORM_TOKEN
          ? { cookie: `gatehouse_session=${token}` }
          : { authorization: `Bearer ${token}` }),
        ...(payload.body === undefined ? {} : { "content-type": contentType ?? payload.type }),
        ...(ifMatch === null ? {} : { "if-match": ifMatch })
      }
    }))
}

/**
 * Requests sent before the random ones, whatever the seed: the route's valid request from the matrix, then each
 * of `bodies` (as JSON unless a string).
 */
export const examplesOf = (w: World, operation: Operation, bodies: ReadonlyArray<unknown>): Array<[Sent]> => {
  const [method, path] = operation.route.split(" ") as [string, string]
  const spec = REQUESTS[operation.route] ?? {}
  const { url, userId } = urlFor(w, path, "admin", spec)
  const token = path.startsWith("/v1/tenants") ? PLATFORM_TOKEN : w.tokens.admin
  return [spec.body?.(w), ...bodies].map((body) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body)
    return [
      {
        url,
        query: spec.query ?? {},
        payload,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
          ...(method === "PATCH" ? { "if-match": w.etags.get(userId ?? "") ?? 'W/"1"' } : {}),
          ...spec.headers?.(w, userId)
        }
      }
    ]
  })
}
