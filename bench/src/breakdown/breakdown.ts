/**
 * Row 8, the per-layer breakdown of `GET /v1/me` and the session check (layersServer.ts, a child process):
 * a bare Fastify route, the same + the one SELECT, a no-op route through Gatehouse's route machinery (decode,
 * the Effect runtime, encode with the `Me` schema; no database), the same + the session check, and the real
 * `GET /v1/me`. Each with req/s, p99, and CPU per request on both sides of the socket: the server process's
 * (/proc/<pid>/stat) and the run database's PostgreSQL backends' (their /proc/<pid>/stat ticks). With
 * `BENCH_CPU_PROFILE=<file>`, the V8 CPU profile of the server under the `GET /v1/me` load (or the layer
 * `BENCH_CPU_PROFILE_LAYER` names: bare, select, noop, session, me) is written there and its self time by
 * package printed on stderr (the profiler's own work, `node: inspector`, left out).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { LoadResult } from "../loadSpec.ts"
import { count, type Report } from "../report.ts"
import { getLoad, loginLoad } from "../scenarios.ts"
import { repeat, type Spread } from "../stats.ts"
import { backendTicks, backendTicksBetween, microsPerRequest, processTicks } from "./cpuTicks.ts"
import { type CpuProfile, summarizeProfile } from "./profileSummary.ts"

const SCRIPT = fileURLToPath(new URL("./layersServer.ts", import.meta.url))

interface Layers {
  readonly child: ChildProcess
  readonly bareUrl: string
  readonly gatehouseUrl: string
  /** Sends a command line and waits for `answer` on stdout. */
  readonly command: (line: string, answer?: string) => Promise<void>
  readonly stop: () => Promise<void>
}

const startLayers = (argument: Record<string, string>): Promise<Layers> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--experimental-transform-types",
        "--no-warnings",
        "--conditions=@gatehouse/source",
        SCRIPT,
        JSON.stringify(argument)
      ],
      { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } }
    )
    let output = ""
    let errors = ""
    const waiting: Array<{ answer: string; done: () => void }> = []
    child.stderr?.on("data", (chunk: Buffer) => {
      errors = `${errors}${chunk.toString("utf8")}`.slice(-4_000)
    })
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8")
      let newline = output.indexOf("\n")
      while (newline !== -1) {
        const line = output.slice(0, newline)
        output = output.slice(newline + 1)
        newline = output.indexOf("\n")
        if (line.startsWith("{")) {
          const urls = JSON.parse(line) as { bareUrl: string; gatehouseUrl: string }
          resolve({
            child,
            ...urls,
            command: (text, answer) =>
              new Promise((done) => {
                if (answer !== undefined) waiting.push({ answer, done })
                child.stdin?.write(`${text}\n`)
                if (answer === undefined) done()
              }),
            stop: () =>
              new Promise((done) => {
                if (child.exitCode !== null) return done()
                child.once("exit", () => done())
                child.kill("SIGTERM")
              })
          })
        } else {
          const at = waiting.findIndex((w) => w.answer === line)
          if (at !== -1) waiting.splice(at, 1)[0]!.done()
        }
      }
    })
    child.once("exit", (code) => reject(new Error(`the layers server exited (${code}):\n${errors}`)))
  })

interface LayerFigures {
  readonly rps: number
  readonly p99: number
  readonly serverMicros: number
  readonly postgresMicros: number
}

/** One load (`load`) with the CPU both sides spent on it. */
const measured = async (
  report: Report,
  layers: Layers,
  database: string,
  load: () => Promise<LoadResult>
): Promise<LayerFigures> => {
  const pid = layers.child.pid!
  const serverBefore = processTicks(pid)
  const backendsBefore = backendTicks(database)
  const result: LoadResult = report.load(await load())
  const serverTicks = processTicks(pid) - serverBefore
  const postgresTicks = backendTicksBetween(backendsBefore, backendTicks(database))
  return {
    rps: result.rps,
    p99: result.p99,
    serverMicros: microsPerRequest(serverTicks, result.requests),
    postgresMicros: microsPerRequest(postgresTicks, result.requests)
  }
}

const LAYERS = [
  { key: "bare", label: "bare Fastify route (the /v1/me body, pre-encoded)", path: "/bare", auth: false },
  {
    key: "select",
    label: "bare Fastify + the one SELECT (pg.Pool of 10)",
    path: "/bare-select",
    auth: false
  },
  {
    key: "noop",
    label: "no-op route through the route machinery (decode, Effect runtime, encode Me; no DB)",
    path: "/bench/noop",
    auth: false
  },
  {
    key: "session",
    label: "the same + the session check (bearer token)",
    path: "/bench/session",
    auth: true
  },
  { key: "me", label: "the real GET /v1/me", path: "/v1/me", auth: true }
] as const

/** The layers server for `seeded` on the run's database. */
const layersFor = (
  databaseUrl: string,
  dataDir: string,
  seeded: { readonly tenantId: string; readonly emails: ReadonlyArray<string>; readonly userToken: string }
) =>
  startLayers({
    databaseUrl,
    dataDir,
    tenantId: seeded.tenantId,
    email: seeded.emails[0]!,
    token: seeded.userToken
  })

/** Row 8 into `report`; the seeded tenant's first login account is the caller. */
export const breakdownRows = async (
  report: Report,
  databaseUrl: string,
  dataDir: string,
  seeded: { readonly tenantId: string; readonly emails: ReadonlyArray<string>; readonly userToken: string }
): Promise<void> => {
  const database = new URL(databaseUrl).pathname.slice(1)
  const layers = await layersFor(databaseUrl, dataDir, seeded)
  report.log(`breakdown: layers server ${layers.child.pid} (${layers.bareUrl}, ${layers.gatehouseUrl})`)
  try {
    const figures = await repeat(report.settings.runs, async (run) => {
      report.log(`breakdown: run ${run + 1}/${report.settings.runs}`)
      const taken: Record<string, number> = {}
      for (const layer of LAYERS) {
        const base = layer.path.startsWith("/bare") ? layers.bareUrl : layers.gatehouseUrl
        const token = layer.auth ? seeded.userToken : undefined
        const profiling =
          layer.key === (process.env.BENCH_CPU_PROFILE_LAYER ?? "me") &&
          run === 0 &&
          process.env.BENCH_CPU_PROFILE !== undefined
        if (profiling) await layers.command("profile-start")
        const result = await report.attempt(`breakdown ${layer.key}`, () =>
          measured(report, layers, database, () =>
            getLoad(report.settings, `${base}${layer.path}`, token, `breakdown ${layer.key}`)
          )
        )
        if (profiling) await layers.command(`profile-stop ${process.env.BENCH_CPU_PROFILE}`, "profiled")
        if (result === undefined) continue
        taken[`${layer.key}Rps`] = result.rps
        taken[`${layer.key}P99`] = result.p99
        taken[`${layer.key}Server`] = result.serverMicros
        taken[`${layer.key}Postgres`] = result.postgresMicros
      }
      return taken
    })
    const bare = figures.bareRps
    for (const layer of LAYERS) {
      const rps = figures[`${layer.key}Rps`]
      report.add(
        `8. ${layer.label}`,
        rps,
        "req/s",
        "informational (ratio: vs the bare route)",
        undefined,
        bare
      )
      const cpu = (spread: Spread | undefined) => (spread === undefined ? "n/a" : count(spread.median))
      report.add(
        `8. same, p99; CPU per request: server ${cpu(figures[`${layer.key}Server`])} us, PostgreSQL ${cpu(figures[`${layer.key}Postgres`])} us`,
        figures[`${layer.key}P99`],
        "ms",
        "informational"
      )
    }
    const profileFile = process.env.BENCH_CPU_PROFILE
    if (profileFile !== undefined) {
      const summary = summarizeProfile(JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile, 25)
      report.log(
        `breakdown: CPU profile of ${process.env.BENCH_CPU_PROFILE_LAYER ?? "me"} (${profileFile}), busy ${summary.busyMs.toFixed(0)} ms`
      )
      for (const place of summary.places)
        report.log(`  ${(place.share * 100).toFixed(1)}% ${place.ms.toFixed(0)} ms ${place.name}`)
      report.log("  top functions (self time):")
      for (const fn of summary.functions)
        report.log(`  ${(fn.share * 100).toFixed(1)}% ${fn.ms.toFixed(0)} ms ${fn.name}`)
    }
  } finally {
    await layers.stop()
  }
}

const LOGIN_LAYERS = [
  {
    key: "argon2",
    label: "bare Fastify + one argon2 verify at the server's parameters (no DB)",
    path: "/bare-argon2",
    bare: true
  },
  { key: "login", label: "the real POST /v1/auth/login", path: "/v1/auth/login", bare: false }
] as const

/**
 * Row 1's breakdown (`1b.`, with row 1): where a login's time goes, in the layers server (one process, so both
 * figures share the process, the thread pool and the moment). The bare Fastify route that only verifies the
 * bench password's argon2 hash is the HTTP baseline of a login (argon2 on the same libuv pool, the load
 * generator's and HTTP's costs included: row 1's argon2 loop has neither); the real login adds the database.
 * CPU per request on both sides of the socket as in row 8.
 */
export const loginBreakdownRows = async (
  report: Report,
  databaseUrl: string,
  dataDir: string,
  seeded: {
    readonly slug: string
    readonly tenantId: string
    readonly emails: ReadonlyArray<string>
    readonly userToken: string
  }
): Promise<void> => {
  const database = new URL(databaseUrl).pathname.slice(1)
  const layers = await layersFor(databaseUrl, dataDir, seeded)
  report.log(`login breakdown: layers server ${layers.child.pid} (${layers.bareUrl}, ${layers.gatehouseUrl})`)
  try {
    const figures = await repeat(report.settings.runs, async (run) => {
      report.log(`login breakdown: run ${run + 1}/${report.settings.runs}`)
      const taken: Record<string, number> = {}
      for (const layer of LOGIN_LAYERS) {
        const url = layer.bare ? layers.bareUrl : layers.gatehouseUrl
        const result = await report.attempt(`login breakdown ${layer.key}`, () =>
          measured(report, layers, database, () =>
            loginLoad(report.settings, { url }, seeded.slug, seeded.emails, layer.path)
          )
        )
        if (result === undefined) continue
        taken[`${layer.key}Rps`] = result.rps
        taken[`${layer.key}P99`] = result.p99
        taken[`${layer.key}Server`] = result.serverMicros
        taken[`${layer.key}Postgres`] = result.postgresMicros
      }
      return taken
    })
    const cpu = (spread: Spread | undefined) => (spread === undefined ? "n/a" : count(spread.median))
    for (const layer of LOGIN_LAYERS) {
      report.add(
        `1b. ${layer.label}`,
        figures[`${layer.key}Rps`],
        "req/s",
        "informational (ratio: vs the argon2 route)",
        undefined,
        figures.argon2Rps
      )
      report.add(
        `1b. same, p99; CPU per request: server ${cpu(figures[`${layer.key}Server`])} us, PostgreSQL ${cpu(figures[`${layer.key}Postgres`])} us`,
        figures[`${layer.key}P99`],
        "ms",
        "informational"
      )
    }
  } finally {
    await layers.stop()
  }
}
