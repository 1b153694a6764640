import { Schema, type SchemaAST } from "effect"

// PostgreSQL `text` cannot hold U+0000 (the driver fails, a 500), and the other C0 controls and DEL only ever
// arrive by mistake or malice (log forging, terminal escapes). Patterns carry the `u` flag so the JSON Schema
// generated for the HTTP routes keeps them (a first gate before the decoder).

/**
 * A one-line text (a name, a code): no control character at all, U+0000 to U+001F and U+007F. Fails with a
 * message naming the rule, so the HTTP layer answers 400 `VALIDATION`.
 */
export const isSingleLineText = (): SchemaAST.Filter<string> =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  Schema.isPattern(/^[^\u0000-\u001F\u007F]*$/u, {
    message: "Must not contain control characters (U+0000 to U+001F, U+007F)"
  })

/** A free text (notes, descriptions): like `isSingleLineText`, but tab, line feed and carriage return pass. */
export const isFreeText = (): SchemaAST.Filter<string> =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  Schema.isPattern(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/u, {
    message: "Must not contain control characters other than tab and line breaks"
  })

/** A search string (`q` of a list): one line, at most 200 characters. */
export const SearchText = Schema.String.check(Schema.isMaxLength(200), isSingleLineText())
