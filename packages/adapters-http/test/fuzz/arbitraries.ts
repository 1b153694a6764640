import fc from "fast-check"

/** The subset of JSON Schema the OpenAPI document uses for request bodies and parameters. */
export interface JsonSchema {
  readonly type?: string | ReadonlyArray<string>
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly items?: JsonSchema
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly enum?: ReadonlyArray<unknown>
  readonly const?: unknown
  readonly pattern?: string
  readonly format?: string
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly maxItems?: number
}

/** Values of the world worth mixing in, so that generated requests also name things that exist. */
export interface Hints {
  readonly ids: ReadonlyArray<string>
  /** Per property name: values that make a request pass (a tenant slug, a setup token, a password). */
  readonly byName: Readonly<Record<string, ReadonlyArray<unknown>>>
}

const controlCharacters = fc.string({
  unit: fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 8
})

/** Values no field expects: wrong types, empty and huge strings, control characters, lone surrogates. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, "", " ", [], {}, "null", "0", "true"),
  fc.constantFrom(
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "\ud800",
    "𝔘𝔫𝔦"
  ),
  fc.integer({ min: 0, max: 3 }).map((k) => "x".repeat([300, 5_000, 70_000, 200_000][k]!)),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  controlCharacters,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 })
)

const patternString = (schema: JsonSchema): fc.Arbitrary<string> => {
  const max = schema.maxLength ?? 64
  if (schema.pattern !== undefined) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, max))
    } catch {
      // a pattern fast-check cannot invert: plain strings below
    }
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(max, 64) })
}

/** Values close to what `schema` accepts (not always exactly: fuzzing wants the edges too). */
export const conforming = (schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> => {
  const named = name === undefined ? undefined : hints.byName[name]
  const own = schemaValues(schema, hints)
  return named === undefined || named.length === 0
    ? own
    : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...named) }, { weight: 1, arbitrary: own })
}

const schemaValues = (schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> => {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  const branches = schema.anyOf ?? schema.oneOf
  if (branches !== undefined && branches.length > 0)
    return fc.oneof(...branches.map((b) => conforming(b, hints)))
  const types = schema.type === undefined ? [] : [schema.type].flat()
  if (types.length > 1) return fc.oneof(...types.map((type) => conforming({ ...schema, type }, hints)))
  switch (types[0]) {
    case "object": {
      const properties = schema.properties ?? {}
      const record = Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [key, conforming(property, hints, key)])
      )
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in record) })
    }
    case "array":
      return fc.array(conforming(schema.items ?? {}, hints), { maxLength: Math.min(schema.maxItems ?? 3, 3) })
    case "string":
      if (schema.format === "uuid") {
        return hints.ids.length === 0 ? fc.uuid() : fc.oneof(fc.constantFrom(...hints.ids), fc.uuid())
      }
      return patternString(schema)
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 })
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true })
    case "boolean":
      return fc.boolean()
    case "null":
      return fc.constant(null)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** Every path to a node of `value`, the root included. */
const pathsOf = (
  value: Json,
  at: ReadonlyArray<string | number> = []
): Array<ReadonlyArray<string | number>> => {
  const children = Array.isArray(value)
    ? value.flatMap((child, i) => pathsOf(child, [...at, i]))
    : value !== null && typeof value === "object"
      ? Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...at, key]))
      : []
  return [at, ...children]
}

const update = (
  value: Json,
  path: ReadonlyArray<string | number>,
  f: (node: Json) => Json | undefined
): Json => {
  if (path.length === 0) return f(value) ?? null
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((child, i) => (i === head ? update(child, rest, f) : child))
  const object = value as { readonly [key: string]: Json }
  const next = rest.length === 0 ? f(object[head!]!) : update(object[head!]!, rest, f)
  const { [head!]: _old, ...others } = object
  return next === undefined ? others : { ...others, [head!]: next }
}

/** One edit of `value`: a node replaced by a nasty value, a property removed, or an unknown property added. */
const mutation = (value: Json): fc.Arbitrary<Json> => {
  const paths = pathsOf(value)
  return fc
    .tuple(fc.constantFrom(...paths), fc.nat({ max: 2 }), nasty, fc.string({ minLength: 1, maxLength: 12 }))
    .map(([path, kind, replacement, key]) => {
      if (kind === 0) return update(value, path, () => replacement as Json)
      if (kind === 1 && path.length > 0) return update(value, path, () => undefined)
      return update(value, path, (node) =>
        node !== null && typeof node === "object" && !Array.isArray(node)
          ? { ...node, [key]: replacement as Json }
          : node
      )
    })
}

/** Bodies for a route with a body schema: mostly near-valid ones, edited once or twice, sometimes anything. */
export const bodies = (schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> => {
  const near = conforming(schema, hints) as fc.Arbitrary<Json>
  return fc.oneof(
    { weight: 3, arbitrary: near },
    { weight: 4, arbitrary: near.chain(mutation) },
    { weight: 2, arbitrary: near.chain(mutation).chain(mutation) },
    { weight: 1, arbitrary: nasty }
  )
}

/** Query strings: declared parameters with near-valid or nasty values, repeated keys, and unknown keys. */
export const queries = (
  parameters: ReadonlyArray<{ readonly name: string; readonly schema?: JsonSchema }>,
  hints: Hints
): fc.Arbitrary<Record<string, string | Array<string>>> => {
  const text = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value) => (typeof value === "string" ? value : (JSON.stringify(value) ?? "")))
  const value = (schema: JsonSchema | undefined, name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: text(conforming(schema ?? {}, hints, name)) },
      { weight: 1, arbitrary: text(nasty) },
      { weight: 1, arbitrary: fc.array(text(nasty), { minLength: 2, maxLength: 3 }) }
    )
  const declared = Object.fromEntries(parameters.map((p) => [p.name, value(p.schema, p.name)]))
  const unknownKeys = fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), text(nasty), { maxKeys: 2 })
    }
  )
  return fc
    .tuple(fc.record(declared, { requiredKeys: [] }), unknownKeys)
    .map(([known, unknown]) => ({ ...unknown, ...known }) as Record<string, string | Array<string>>)
}

/** Raw payloads that are not JSON, or JSON that tries the parser (prototype keys, deep nesting). */
export const rawPayloads: fc.Arbitrary<string> = fc.constantFrom(
  '{"a":',
  "[",
  "nul",
  "'single'",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
  '"\\ud800"',
  "1e999999"
)

const CSV_COLUMNS = ["email", "firstName", "lastName", "role", "department", "groups", "phone", "language"]

const csvCell = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom("csv@acme.test", "Nell", "Regular", "Admin", "+14155550199", "en-GB", "")
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"quoted, with comma"', '"unterminated', 'a"b', '""', "=cmd|' /C calc'!A0")
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: controlCharacters }
)

/** CSV uploads: a header of known and unknown columns, rows of odd cells, any delimiter, BOM and line ending. */
export const csvPayloads: fc.Arbitrary<string> = fc
  .record({
    columns: fc.array(fc.oneof(fc.constantFrom(...CSV_COLUMNS), fc.string({ maxLength: 8 })), {
      minLength: 1,
      maxLength: 6
    }),
    rows: fc.array(fc.array(csvCell, { minLength: 0, maxLength: 7 }), { maxLength: 5 }),
    delimiter: fc.constantFrom(",", ";", "\t"),
    newline: fc.constantFrom("\n", "\r\n", "\r"),
    bom: fc.boolean()
  })
  .map(({ columns, rows, delimiter, newline, bom }) =>
    [(bom ? "\ufeff" : "") + columns.join(delimiter), ...rows.map((row) => row.join(delimiter))].join(newline)
  )
