import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { CsvError, parse } from "csv-parse"

/** What a CSV upload can be: its bytes or text whole, or a stream of chunks (a request body). */
export type CsvInput =
  | string
  | Uint8Array
  | AsyncIterable<string | Uint8Array>
  | Iterable<string | Uint8Array>

export interface ParseCsvOptions {
  /** Largest record in characters (default 65,536): a file without line breaks cannot fill the memory. */
  readonly maxRecordSize?: number
  /** Field separator (default ","; a spreadsheet in some locales writes ";"). */
  readonly delimiter?: string
}

/** The CSV cannot be read; `line` is the 1-based line of the file where the problem is, when known. */
export class CsvParseError extends Error {
  override readonly name = "CsvParseError"
  constructor(
    readonly reason: string,
    readonly line: number | undefined
  ) {
    super(line === undefined ? `CSV: ${reason}` : `CSV line ${line}: ${reason}`)
  }
}

// csv-parse's messages end in "... at line N" / "on line N": the line travels in its own field instead.
const withoutLine = (message: string): string =>
  message.replace(/,?\s*(at|on) line \d+\.?$/u, "").replace(/\.$/u, "")

const toParseError = (error: unknown): CsvParseError => {
  if (error instanceof CsvParseError) return error
  if (error instanceof CsvError) {
    const line = typeof error.lines === "number" ? error.lines : undefined
    return new CsvParseError(withoutLine(error.message), line)
  }
  return new CsvParseError(error instanceof Error ? error.message : String(error), undefined)
}

/** Header names, trimmed; an empty or repeated name stops the import (its column could not be mapped). */
const headerOf = (names: ReadonlyArray<string>): Array<string> => {
  const trimmed = names.map((name) => name.trim())
  const empty = trimmed.indexOf("")
  if (empty >= 0) throw new CsvParseError(`column ${empty + 1} of the header has no name`, 1)
  const seen = new Set<string>()
  for (const name of trimmed) {
    if (seen.has(name)) throw new CsvParseError(`the header names the column "${name}" twice`, 1)
    seen.add(name)
  }
  return trimmed
}

const chunksOf = (input: CsvInput): Readable =>
  typeof input === "string" || input instanceof Uint8Array
    ? Readable.from([input])
    : Readable.from(input as AsyncIterable<string | Uint8Array>)

/**
 * Reads CSV with a header row into one record per line, `{ header: value }` with every value a string as
 * written (the domain trims and decodes). Streams: one record at a time, whatever the input's size; a UTF-8
 * byte order mark is dropped, quoted fields may hold commas, quotes ("") and line breaks, empty lines are
 * skipped, and a record with a different number of fields than the header is an error. Every failure is a
 * `CsvParseError` naming the line. Stopping the iteration early releases the input.
 */
export async function* parseCsv(
  input: CsvInput,
  options: ParseCsvOptions = {}
): AsyncGenerator<Record<string, string>, void, undefined> {
  const parser = parse({
    bom: true,
    columns: headerOf,
    skip_empty_lines: true,
    max_record_size: options.maxRecordSize ?? 65_536,
    delimiter: options.delimiter ?? ","
  })
  const feeding = pipeline(chunksOf(input), parser).catch(() => undefined)
  try {
    for await (const record of parser) yield record as Record<string, string>
  } catch (error) {
    throw toParseError(error)
  } finally {
    parser.destroy()
    await feeding
  }
}
