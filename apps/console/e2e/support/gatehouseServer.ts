import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The demo tenant's admin as the first start prints it (shown once). */
export interface DemoAdmin {
  readonly tenant: string
  readonly email: string
  readonly password: string
}

export interface RunningServer {
  readonly url: string
  readonly demo: DemoAdmin
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/** A port nobody listens on now (the server must know its public URL before it starts). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once("error", reject)
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address()
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()))
    })
  })

const field = (text: string, name: string): string | undefined =>
  new RegExp(`^\\s*${name}:\\s+(\\S+)`, "imu").exec(text)?.[1]

/**
 * Starts the BUILT server (`apps/server/dist/main.js`, on this process's Node) on PGlite in an empty temporary
 * data folder, and reads the demo admin's credentials from what it prints on its first start.
 */
export const startGatehouse = async (options: {
  readonly main: string
  readonly platformToken: string
  readonly env?: Readonly<Record<string, string>>
}): Promise<RunningServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-e2e-"))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_PUBLIC_URL: url,
    GATEHOUSE_PLATFORM_TOKEN: options.platformToken,
    // the specs sign in many times from one address; the per-account throttle stays on
    GATEHOUSE_AUTH_RATE_LIMIT: "off",
    GATEHOUSE_LOG_LEVEL: "warn",
    ...options.env
  }
  // the embedded PGlite, whatever the calling shell points at
  delete env.DATABASE_URL
  // the test runner's switch, not the server's (it would warn of an unknown GATEHOUSE_ variable)
  delete env.GATEHOUSE_E2E
  const child: ChildProcess = spawn(process.execPath, [options.main], {
    env,
    stdio: ["ignore", "pipe", "pipe"]
  })
  let output = ""
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))

  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`)
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`the server did not answer /healthz in 90 s:\n${output}`)
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (answer) => answer.ok,
      () => false
    )
    if (healthy && field(output, "password") !== undefined) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const demo = {
    tenant: field(output, "tenant") ?? "",
    email: field(output, "email") ?? "",
    password: field(output, "password") ?? ""
  }
  return {
    url,
    demo,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM")
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
