import { Effect } from "effect"
import { InvalidInput } from "../../errors/validation.ts"

/**
 * Where imported rows come from. An import reads its rows twice (a validation pass, then the write pass), so
 * the source is an array or a function that gives a fresh iterable each time it is called (a CSV parser over
 * the uploaded bytes, a generator, a cursor), never a one-shot iterator.
 */
export type ImportSource = ReadonlyArray<unknown> | (() => AsyncIterable<unknown> | Iterable<unknown>)

/** One record of the source with its position (from 1). */
export interface SourceRow {
  readonly row: number
  readonly value: unknown
}

// A source that throws (a CSV syntax error with its line number, a closed upload) is the caller's input that
// cannot be read: a 400 naming the problem, never a defect.
const unreadable = (cause: unknown): InvalidInput =>
  new InvalidInput({
    errors: [{ path: "rows", message: cause instanceof Error ? cause.message : String(cause) }]
  })

const isAsync = (iterable: AsyncIterable<unknown> | Iterable<unknown>): iterable is AsyncIterable<unknown> =>
  typeof (iterable as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function"

/**
 * Reads the source once, from the start, handing `f` batches of at most `size` rows in order, and returns how
 * many rows there were. Only one batch is held at a time; the iterator is closed when reading stops early.
 */
export const forEachBatch = <E, R>(
  source: ImportSource,
  size: number,
  f: (batch: ReadonlyArray<SourceRow>) => Effect.Effect<void, E, R>
): Effect.Effect<number, E | InvalidInput, R> =>
  Effect.suspend(() => {
    const iterable = typeof source === "function" ? source() : source
    const iterator = isAsync(iterable) ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]()
    const next: Effect.Effect<IteratorResult<unknown>, InvalidInput> = isAsync(iterable)
      ? Effect.tryPromise({
          try: () => (iterator as AsyncIterator<unknown>).next(),
          catch: unreadable
        })
      : Effect.try({ try: () => (iterator as Iterator<unknown>).next(), catch: unreadable })
    let done = false
    const read = Effect.gen(function* () {
      let row = 0
      let batch: Array<SourceRow> = []
      while (true) {
        const step = yield* next
        if (step.done === true) break
        batch.push({ row: ++row, value: step.value })
        if (batch.length >= size) {
          yield* f(batch)
          batch = []
        }
      }
      done = true
      if (batch.length > 0) yield* f(batch)
      return row
    })
    // Stopped before the end (a failure, an interruption): let the source release what it holds.
    const close = Effect.suspend(() =>
      done || iterator.return === undefined
        ? Effect.void
        : Effect.tryPromise(async () => {
            await iterator.return?.()
          }).pipe(Effect.ignore)
    )
    return Effect.ensuring(read, close)
  })
