import { type Email, importUsers, UserRepository } from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { CsvParseError, parseCsv } from "../src/csv/parseCsv.ts"

const collect = async (records: AsyncIterable<Record<string, string>>) => {
  const rows: Array<Record<string, string>> = []
  for await (const record of records) rows.push(record)
  return rows
}

/** The error `parseCsv` ends with (fails the test when it ends without one). */
const failure = async (records: AsyncIterable<Record<string, string>>): Promise<CsvParseError> => {
  try {
    await collect(records)
  } catch (error) {
    expect(error).toBeInstanceOf(CsvParseError)
    return error as CsvParseError
  }
  throw new Error("expected a CsvParseError")
}

/** The bytes of `text` cut into chunks of `size` bytes (cuts land inside quotes and inside characters). */
async function* chunked(text: string, size: number) {
  const bytes = new TextEncoder().encode(text)
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

describe("parseCsv", () => {
  it("reads a header row and one record per line, values as written", async () => {
    const rows = await collect(
      parseCsv("Email,First name,Role\r\nann@example.com, Ann ,General\r\nbob@example.com,Bob,\r\n")
    )
    expect(rows).toEqual([
      { Email: "ann@example.com", "First name": " Ann ", Role: "General" },
      { Email: "bob@example.com", "First name": "Bob", Role: "" }
    ])
  })

  it("drops a UTF-8 byte order mark, so the first header is the real name", async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode("Email,Name\nzoë@example.com,Zoë\n")
    ])
    const rows = await collect(parseCsv(bytes))
    expect(Object.keys(rows[0]!)).toEqual(["Email", "Name"])
    expect(rows[0]!.Name).toBe("Zoë")
  })

  it("quoted fields keep commas, doubled quotes and line breaks; empty lines are skipped", async () => {
    const text = 'Name,Notes\n"Fox, Ann","She said ""hi""\nand left"\n\n"Bob",plain\n'
    expect(await collect(parseCsv(text))).toEqual([
      { Name: "Fox, Ann", Notes: 'She said "hi"\nand left' },
      { Name: "Bob", Notes: "plain" }
    ])
  })

  it("streams chunks cut anywhere, inside quotes and inside a multi-byte character, to the same records", async () => {
    const text = 'Email,Groups\n"zoë@example.com","Nord; Süd | Öst"\nbob@example.com,"a,b"\n'
    const whole = await collect(parseCsv(text))
    for (const size of [1, 2, 3, 7]) expect(await collect(parseCsv(chunked(text, size)))).toEqual(whole)
  })

  it("reads 50,000 records lazily; stopping early ends the input", async () => {
    let produced = 0
    let finished = false
    async function* rows() {
      try {
        yield "Email,First name\n"
        for (let n = 0; n < 50_000; n++) {
          produced++
          yield `person${n}@example.com,Person ${n}\n`
        }
      } finally {
        finished = true
      }
    }
    let count = 0
    for await (const record of parseCsv(rows())) {
      count++
      expect(record.Email).toBe(`person${count - 1}@example.com`)
    }
    expect(count).toBe(50_000)

    produced = 0
    finished = false
    for await (const _ of parseCsv(rows())) break
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(finished).toBe(true)
    expect(produced).toBeLessThan(50_000)
  })

  it("an unclosed quote or a record of the wrong length is a CsvParseError with its line", async () => {
    const length = await failure(parseCsv("Email,Name\na@example.com,Ann\nb@example.com\nc@example.com,Cy\n"))
    expect(length.line).toBe(3)
    expect(length.message).toMatch(/^CSV line 3: /u)
    const quote = await failure(parseCsv('Email,Name\na@example.com,Ann\nb@example.com,"Bob\n'))
    expect(quote.line).toBeGreaterThanOrEqual(3)
    expect(quote.message).toMatch(/quote/iu)
  })

  it("a header with an empty or repeated name is a CsvParseError on line 1", async () => {
    for (const header of ["Email,,Name", "Email,Name, Email "]) {
      const error = await failure(parseCsv(`${header}\na,b,c\n`))
      expect(error.line).toBe(1)
    }
  })

  it("a record longer than the limit is refused", async () => {
    const error = await failure(parseCsv(`Notes\n"${"x".repeat(2_000)}"\n`, { maxRecordSize: 1_000 }))
    expect(error.message).toMatch(/^CSV line 2: /u)
  })

  it("feeds the domain's import directly: a fresh parse per pass, errors of the file as InvalidInput", async () => {
    const csv =
      "\uFEFFEmail,First name,Last name,Role\nAnn@Example.com,Ann,Lee,Regular\nbob@example.com,Bob,Fox,Regular\n"
    const program = Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const result = yield* importUsers(adminActor, () => parseCsv(csv))
      const ann = yield* (yield* UserRepository).findByEmail(tenant.id, "ann@example.com" as Email)
      const broken = yield* Effect.flip(importUsers(adminActor, () => parseCsv('Email,Name\n"x,y\n')))
      return { result, stored: Option.isSome(ann), broken }
    })
    const { result, stored, broken } = await Effect.runPromise(
      program.pipe(Effect.provide(Layer.fresh(layerMemory)))
    )
    expect(result.created).toBe(2)
    expect(stored).toBe(true)
    expect(broken._tag).toBe("InvalidInput")
    expect(broken._tag === "InvalidInput" ? broken.errors[0]!.message : "").toMatch(/^CSV line 2: .*quote/iu)
  })
})
