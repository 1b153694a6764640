import { Schema } from "effect"

/** A JSON Schema object as Fastify route schemas and @fastify/swagger take it. */
export type JsonSchemaObject = Readonly<Record<string, unknown>>

/**
 * The draft 2020-12 JSON Schema of `schema`'s JSON encoding, closed to unknown properties: what the route
 * schemas (and so the OpenAPI 3.1 document) show. Derived, never written by hand; the Effect decoder stays the
 * authority. `open` documents an object that may carry more members (a problem's extensions). Everything is inlined: a `$ref` into `$defs` would not resolve inside the OpenAPI document, so a
 * schema that needs one (a recursive schema) is refused at startup instead of producing a broken document.
 */
export const jsonSchemaOf = (
  schema: Schema.Constraint,
  options: { readonly open?: boolean } = {}
): JsonSchemaObject => {
  const document = Schema.toJsonSchemaDocument(schema, {
    onExcessProperty: options.open === true ? "ignore" : "error",
    referencePolicy: () => undefined
  })
  if (Object.keys(document.definitions).length > 0) {
    throw new Error(
      `adapters-http: a route schema needs JSON Schema definitions (${Object.keys(document.definitions).join(", ")}); inline it`
    )
  }
  return document.schema as JsonSchemaObject
}
