/**
 * The load generator of the sign-up figures, run as its own process by `uniqueBodyLoad` (sideBySideLoads.ts):
 * autocannon as load.ts runs it, except that every request's body is `template` with each `{n}` replaced by a
 * number no other request of any run uses (a random prefix of this process, then a counter), so every sign-up
 * has an email of its own. load.ts takes bodies on its command line, too short for one per request.
 * Prints one JSON `LoadResult` line.
 */
import { randomBytes } from "node:crypto"
import type { LoadResult, LoadSpec } from "../loadSpec.ts"

/** A load whose bodies are made from `template` (`bodies` is ignored). */
export interface UniqueBodySpec extends LoadSpec {
  readonly template: string
}

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number }
  readonly latency: { readonly p50: number; readonly p99: number }
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>

const spec = JSON.parse(process.argv[2] ?? "{}") as UniqueBodySpec
// A string the compiler does not resolve, as in load.ts: autocannon is a devDependency of this workspace only.
const name = "autocannon"
const autocannon = ((await import(name)) as { default: Autocannon }).default
const prefix = randomBytes(4).toString("hex")
let next = 0
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.duration,
  method: spec.method,
  headers: spec.headers,
  requests: [
    {
      setupRequest: (request: object) => ({
        ...request,
        body: spec.template.replaceAll("{n}", `${prefix}${next++}`)
      })
    }
  ]
})
const answer: LoadResult = {
  generator: "autocannon",
  requests: result.requests.total,
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  failures: result.non2xx + result.errors + result.timeouts
}
process.stdout.write(`${JSON.stringify(answer)}\n`)
