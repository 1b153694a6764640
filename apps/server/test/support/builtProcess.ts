import { type ChildProcess, spawn } from "node:child_process"
import { join } from "node:path"
import { MAIN, waitFor } from "./built.ts"

/** A `gatehouse serve` child process of the built server, with its output kept for the assertions. */
export interface ServerProcess {
  readonly child: ChildProcess
  readonly url: string
  readonly output: { text: string }
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  readonly kill: (signal: NodeJS.Signals) => Promise<number | null>
}

export const startBuilt = async (
  dir: string,
  env: Readonly<Record<string, string>>
): Promise<ServerProcess> => {
  const output = { text: "" }
  const child = spawn(process.execPath, [MAIN], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: "0",
      GATEHOUSE_DATA_DIR: join(dir, "data"),
      GATEHOUSE_AUTH_RATE_LIMIT: "off",
      ...env
    },
    stdio: ["ignore", "pipe", "pipe"]
  })
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output.text += chunk
  })
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output.text += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const [, url] = await waitFor(child, output, /Gatehouse listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000)
  return {
    child,
    url: url!,
    output,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    }
  }
}
