/**
 * PostgreSQL array literals built directly, for the `unnest` parameters of the bulk insert: `pg` would build
 * the same text from JavaScript arrays, at several times the cost (it formats dates in the local time zone
 * and escapes element by element through generic code), and on the bulk path that cost is paid per column
 * and row.
 *
 * Every element is quoted (or NULL), so no value can split into two elements or end the literal: a text
 * column cast to `uuid[]` or `timestamptz[]` on the server fails on a malformed element instead.
 */

const SPECIAL = /["\\]/g

const quoted = (value: string): string =>
  value.includes('"') || value.includes("\\") ? `"${value.replace(SPECIAL, "\\$&")}"` : `"${value}"`

/** `{"a","b",NULL}`: text (and anything the server casts from text) per element; null is SQL NULL. */
export const textArray = (values: ReadonlyArray<string | null>): string => {
  const parts = new Array<string>(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    parts[i] = value === null || value === undefined ? "NULL" : quoted(value)
  }
  return `{${parts.join(",")}}`
}

/**
 * Instants as ISO 8601 in UTC (`timestamptz[]`); null is SQL NULL. Formatting is the costly part and the
 * users of one import share their creation time, so a run of equal instants is formatted once.
 */
export const instantArray = (values: ReadonlyArray<Date | null>): string => {
  let lastTime = Number.NaN
  let lastText = ""
  const texts = values.map((value) => {
    if (value === null) return null
    const time = value.getTime()
    if (time !== lastTime) {
      lastTime = time
      lastText = value.toISOString()
    }
    return lastText
  })
  return textArray(texts)
}

/** `{t,f}` (`boolean[]`). */
export const booleanArray = (values: ReadonlyArray<boolean>): string =>
  `{${values.map((value) => (value ? "t" : "f")).join(",")}}`

/** Safe integers only (`int[]`): anything else is a bug upstream and must not reach the store as text. */
export const integerArray = (values: ReadonlyArray<number>): string => {
  for (const value of values)
    if (!Number.isSafeInteger(value)) throw new Error(`Not an integer for an int[] parameter: ${value}`)
  return `{${values.join(",")}}`
}
