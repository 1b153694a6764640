import { type ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"
import { createRunDatabase } from "../database.ts"
import { PASSWORD } from "../seed.ts"
import { type BetterAuthReady, type BetterAuthSpec, READY_PREFIX } from "./spec.ts"

/** A seeded Better Auth server in its own process, on its own database of the PostgreSQL server. */
export interface BetterAuthServer extends BetterAuthReady {
  /** Stops the process, then drops its database. */
  readonly stop: () => Promise<void>
}

const serverScript = fileURLToPath(new URL("./server.ts", import.meta.url))

/**
 * The `BetterAuthReady` line of `child` (prefixed `READY_PREFIX`); any other output (Better Auth's own logs) goes to
 * this process's stderr. Rejects if the child exits first or stays silent for `timeoutSeconds`.
 */
const readyLine = (child: ChildProcess, timeoutSeconds: number) =>
  new Promise<BetterAuthReady>((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(
      () => reject(new Error(`Better Auth not ready after ${timeoutSeconds} s`)),
      timeoutSeconds * 1000
    )
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
      process.stderr.write(chunk)
    })
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
      for (let end = stdout.indexOf("\n"); end >= 0; end = stdout.indexOf("\n")) {
        const line = stdout.slice(0, end)
        stdout = stdout.slice(end + 1)
        if (!line.startsWith(READY_PREFIX)) {
          process.stderr.write(`[better-auth] ${line}\n`)
          continue
        }
        clearTimeout(timer)
        resolve(JSON.parse(line.slice(READY_PREFIX.length)) as BetterAuthReady)
      }
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`Better Auth exited (${code}) before it was ready:\n${stderr}`))
    })
  })

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000)
    child.on("exit", () => {
      clearTimeout(timer)
      resolve()
    })
    child.stdin?.end()
  })

/**
 * Creates a database for Better Auth through `adminUrl` (as database.ts does for Gatehouse), starts server.ts on
 * it in a child process and waits for its seeded organization of `members` members.
 */
export const startBetterAuth = async (adminUrl: string, members: number): Promise<BetterAuthServer> => {
  const database = await createRunDatabase(adminUrl)
  const spec: BetterAuthSpec = {
    databaseUrl: database.url,
    secret: randomBytes(32).toString("hex"),
    members,
    password: PASSWORD
  }
  const child = spawn(
    process.execPath,
    ["--experimental-transform-types", "--no-warnings", serverScript, JSON.stringify(spec)],
    { stdio: ["pipe", "pipe", "pipe"] }
  )
  const stop = async () => {
    try {
      await exited(child)
    } finally {
      await database.drop()
    }
  }
  try {
    const ready = await readyLine(child, 120)
    return { ...ready, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Signs `email` in over HTTP and answers the `cookie` header value of its session. */
export const signIn = async (server: BetterAuthReady, email: string): Promise<string> => {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email, password: PASSWORD })
  })
  if (!response.ok)
    throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`)
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!)
  if (cookies.length === 0) throw new Error(`sign-in of ${email} set no cookie`)
  return cookies.join("; ")
}
