import type { LoadResult } from "./loadSpec.ts"
import type { Settings } from "./settings.ts"
import type { Spread } from "./stats.ts"
import type { Row } from "./table.ts"

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replaceAll(/\s+/g, " ").slice(0, 400)

/** Writes each line to stderr after the seconds since the run began. */
const elapsedLog = () => {
  const began = Date.now()
  return (message: string) =>
    process.stderr.write(`[${Math.round((Date.now() - began) / 1000)} s] ${message}\n`)
}

/**
 * What a run collects: the table's rows, the load generators used, and the figures that could not be taken
 * (each printed under the table: one failure never aborts the run).
 */
export class Report {
  readonly rows: Array<Row> = []
  readonly generators = new Set<string>()
  /** What could not be measured, and why (first reason kept; the count of failed attempts). */
  readonly failures = new Map<string, { readonly reason: string; count: number }>()

  constructor(
    readonly settings: Settings,
    readonly log: (message: string) => void = elapsedLog()
  ) {}

  /** Whether row `row` is asked for (`BENCH_ONLY`). */
  wanted(row: string): boolean {
    return this.settings.only.size === 0 || this.settings.only.has(row)
  }

  /** Records which load generator answered. */
  load(result: LoadResult): LoadResult {
    this.generators.add(result.generator)
    return result
  }

  /** `run`'s value, or undefined with the failure recorded under `what`. */
  async attempt<A>(what: string, run: () => Promise<A>): Promise<A | undefined> {
    try {
      return await run()
    } catch (error) {
      const known = this.failures.get(what)
      if (known === undefined) this.failures.set(what, { reason: messageOf(error), count: 1 })
      else known.count++
      this.log(`  NOT MEASURED: ${what}: ${messageOf(error)}`)
      return undefined
    }
  }

  /**
   * Adds a row when its figure was taken; ratio = Gatehouse / baseline when the baseline was taken (a target on
   * the ratio is then left unjudged: `met` answers undefined).
   */
  add(
    metric: string,
    gatehouse: Spread | undefined,
    unit: string,
    target: string,
    met?: (figure: Spread, ratio: number | undefined) => boolean | undefined,
    baseline?: Spread
  ): void {
    if (gatehouse === undefined) return
    const ratio = baseline === undefined ? undefined : gatehouse.median / baseline.median
    this.rows.push({
      metric,
      gatehouse,
      unit,
      baseline,
      ratio,
      target,
      met: met?.(gatehouse, ratio)
    })
  }

  /** The lines printed under the table for the failures. */
  failureLines(): Array<string> {
    return [...this.failures].map(
      ([what, { reason, count }]) =>
        `NOT MEASURED: ${what}${count > 1 ? ` (${count} attempts)` : ""}: ${reason}`
    )
  }
}

/** The same value as a spread of one sample. */
export const single = (value: number): Spread => ({ median: value, min: value, max: value })

/** "100,000". */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US")
