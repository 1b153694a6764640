import { readFileSync } from "node:fs"
import { buildSchema, type GraphQLSchema } from "graphql"

/**
 * The part of Shopify's Admin API schema (2026-07) that Gatehouse's operations touch, read next to this file
 * (the testkit's build copies it next to `dist/index.js`, where `import.meta.url` then points).
 */
export const SUBSET_SCHEMA_URL = new URL("./admin-2026-07.subset.graphql", import.meta.url)

let cached: GraphQLSchema | undefined

/** The subset schema, built once per process. */
export const subsetSchema = (): GraphQLSchema => {
  cached ??= buildSchema(readFileSync(SUBSET_SCHEMA_URL, "utf8"))
  return cached
}
