/** What the load-generator process is asked to do (passed as JSON on its command line). */
export interface LoadSpec {
  readonly url: string
  readonly method: "GET" | "POST"
  readonly headers: Readonly<Record<string, string>>
  /** Request bodies, sent in rotation (e.g. one login per seeded account); absent: no body. */
  readonly bodies?: ReadonlyArray<string> | undefined
  readonly connections: number
  /** Seconds. */
  readonly duration: number
}

/** What it answers (one JSON line on stdout). Latencies in ms. */
export interface LoadResult {
  readonly generator: "autocannon" | "node:http fallback"
  readonly requests: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  /** Responses other than 2xx, plus socket errors and timeouts: a run with any is reported, not hidden. */
  readonly failures: number
}
