import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { LoadResult, LoadSpec } from "./loadSpec.ts"

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url))

/** Runs a bench script in a child Node process and parses the one JSON line it prints. */
export const runChild = <A>(name: string, argument: unknown, timeoutSeconds: number): Promise<A> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--experimental-transform-types", "--no-warnings", script(name), JSON.stringify(argument)],
      { timeout: timeoutSeconds * 1000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) return reject(new Error(`${name} failed: ${error.message}\n${stderr}`))
        const line = stdout.trim().split("\n").at(-1) ?? ""
        try {
          resolve(JSON.parse(line) as A)
        } catch {
          reject(new Error(`${name} printed no result: ${stdout}\n${stderr}`))
        }
      }
    )
  })

/** Puts `spec`'s load on a server from a separate process (load.ts) and returns throughput and latency. */
export const runLoad = (spec: LoadSpec): Promise<LoadResult> =>
  runChild<LoadResult>("./load.ts", spec, spec.duration + 60)
