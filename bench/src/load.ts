/**
 * The load generator, run as its own process by `runLoad` (never inside the server's process): autocannon when
 * it is installed, otherwise a keep-alive node:http client with the same shape (N connections, each sending
 * its next request when the previous answered). Prints one JSON `LoadResult` line.
 */
import http from "node:http"
import { performance } from "node:perf_hooks"
import type { LoadResult, LoadSpec } from "./loadSpec.ts"
import { percentile } from "./stats.ts"

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number }
  readonly latency: { readonly p50: number; readonly p99: number }
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>

const withAutocannon = async (autocannon: Autocannon, spec: LoadSpec): Promise<LoadResult> => {
  let next = 0
  const bodies = spec.bodies
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    method: spec.method,
    headers: spec.headers,
    requests: [
      bodies === undefined || bodies.length === 0
        ? {}
        : { setupRequest: (request: object) => ({ ...request, body: bodies[next++ % bodies.length] }) }
    ]
  })
  return {
    generator: "autocannon",
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts
  }
}

const withNodeHttp = async (spec: LoadSpec): Promise<LoadResult> => {
  const target = new URL(spec.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections })
  const latencies: Array<number> = []
  let failures = 0
  let next = 0
  const deadline = performance.now() + spec.duration * 1000
  const once = (body: string | undefined) =>
    new Promise<void>((resolve) => {
      const started = performance.now()
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: spec.method,
          headers:
            body === undefined ? spec.headers : { ...spec.headers, "content-length": Buffer.byteLength(body) }
        },
        (response) => {
          response.resume()
          response.on("end", () => {
            latencies.push(performance.now() - started)
            if ((response.statusCode ?? 0) >= 300) failures++
            resolve()
          })
        }
      )
      request.on("error", () => {
        failures++
        resolve()
      })
      request.end(body)
    })
  const connection = async () => {
    while (performance.now() < deadline) {
      const bodies = spec.bodies
      await once(bodies === undefined || bodies.length === 0 ? undefined : bodies[next++ % bodies.length])
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: spec.connections }, connection))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    generator: "node:http fallback",
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures
  }
}

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec
let autocannon: Autocannon | undefined
try {
  // A string the compiler does not resolve: autocannon is an optional devDependency of this workspace.
  const name = "autocannon"
  autocannon = ((await import(name)) as { default: Autocannon }).default
} catch {
  autocannon = undefined
}
const result = autocannon === undefined ? await withNodeHttp(spec) : await withAutocannon(autocannon, spec)
process.stdout.write(`${JSON.stringify(result)}\n`)
