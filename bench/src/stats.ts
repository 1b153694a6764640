/** Median and range of repeated measurements of one figure. */
export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
}

/** The median (mean of the middle two for an even count), min and max of `samples`. */
export const spread = (samples: ReadonlyArray<number>): Spread => {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN }
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

/** Runs `measure` `runs` times in sequence and collects each named figure across the runs. */
export const repeat = async <K extends string>(
  runs: number,
  measure: (run: number) => Promise<Record<K, number>>
): Promise<Record<K, Spread>> => {
  const collected = new Map<K, Array<number>>()
  for (let run = 0; run < runs; run++) {
    const figures = await measure(run)
    for (const [key, value] of Object.entries(figures) as Array<[K, number]>) {
      collected.set(key, [...(collected.get(key) ?? []), value])
    }
  }
  return Object.fromEntries([...collected].map(([key, values]) => [key, spread(values)])) as Record<K, Spread>
}
