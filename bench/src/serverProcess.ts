/**
 * Gatehouse for PostgreSQL as production runs it: the built `apps/server/dist/main.js` (what `npm start` runs)
 * in a child process of its own, so that its memory is measured alone (row 5).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { createServer } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = fileURLToPath(new URL("../../", import.meta.url))
const MAIN = fileURLToPath(new URL("../../apps/server/dist/main.js", import.meta.url))

/** `turbo run build --filter=@gatehouse/server...`, as `npm start` does (cached when nothing changed). */
export const buildServer = (): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(
      join(ROOT, "node_modules/.bin/turbo"),
      ["run", "build", "--filter=@gatehouse/server...", "--output-logs=errors-only"],
      { cwd: ROOT, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error === null
          ? resolve()
          : reject(
              new Error(`the server's build failed: ${error.message}\n${`${stdout}${stderr}`.slice(-2_000)}`)
            )
    )
  })

/** A port nothing listens on right now (the server is given it: at log level warn it does not print its URL). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once("error", reject)
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))
      )
    })
  })

/** A running server process. */
export interface ServerProcess {
  readonly url: string
  readonly pid: number
  /** SIGTERM (graceful stop), then SIGKILL after 20 s. */
  readonly stop: () => Promise<void>
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()))

/**
 * Starts `dist/main.js` on 127.0.0.1 with `env` added to a minimal environment (PATH, HOME, and
 * UV_THREADPOOL_SIZE when set, as the argon2 baseline inherits it; `BENCH_SERVER_NODE_OPTIONS` becomes the
 * server's NODE_OPTIONS, e.g. a heap limit), and waits until `/readyz` answers 200.
 * The server's output is kept (its last 4 kB are in the error when it does not start) and otherwise dropped.
 */
export const startServerProcess = async (env: Readonly<Record<string, string>>): Promise<ServerProcess> => {
  const port = await freePort()
  const inherited = Object.fromEntries(
    ["PATH", "HOME", "UV_THREADPOOL_SIZE"].flatMap((name) => {
      const value = process.env[name]
      return value === undefined ? [] : [[name, value]]
    })
  )
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }),
      ...env,
      HOST: "127.0.0.1",
      PORT: String(port)
    },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let output = ""
  const keep = (chunk: Buffer) => {
    output = `${output}${chunk.toString("utf8")}`.slice(-4_096)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  child.on("error", (error) => keep(Buffer.from(`\n${error.message}\n`)))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill("SIGTERM")
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000)
    await exited(child)
    clearTimeout(timer)
  }
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(`the server process exited (${child.exitCode ?? child.signalCode}):\n${output}`)
    }
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.status === 200,
      () => false
    )
    if (ready) return { url, pid: child.pid, stop }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`the server process did not answer /readyz within 120 s:\n${output}`)
}
