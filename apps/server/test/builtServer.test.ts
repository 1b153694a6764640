import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureBuilt, MAIN, waitFor } from "./support/built.ts"
import { tempDataDir } from "./support/server.ts"

const rssMiB = (pid: number): number | undefined => {
  const status = `/proc/${pid}/status`
  if (!existsSync(status)) return undefined
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(status, "utf8"))?.[1]
  return kib === undefined ? undefined : Math.round(Number(kib) / 1024)
}

describe("the built server as a child process, on an empty data folder", () => {
  const data = tempDataDir()
  const output = { text: "" }
  let child: ChildProcess
  let startedAt = 0

  beforeAll(async () => {
    await ensureBuilt()
    startedAt = performance.now()
    child = spawn(process.execPath, [MAIN], {
      cwd: data.dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: "0",
        GATEHOUSE_DATA_DIR: join(data.dir, "data")
      },
      stdio: ["ignore", "pipe", "pipe"]
    })
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output.text += chunk
    })
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output.text += chunk
    })
  }, 120_000)
  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL")
    data.remove()
  })

  it("starts, prints the demo admin's credentials and the docs, logs in, and stops on SIGTERM with exit 0", async () => {
    const [, url] = await waitFor(child, output, /Gatehouse listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000)
    let ready = 0
    while (ready !== 200) {
      ready = await fetch(`${url}/readyz`).then(
        (response) => response.status,
        () => 0
      )
    }
    const coldStartMillis = Math.round(performance.now() - startedAt)

    const [, password] = await waitFor(child, output, /^ {2}password: (\S+) /m, 1000)
    expect(output.text).toMatch(/^ {2}email: {4}admin@example\.com$/m)
    expect(output.text).toContain(`API docs: ${url}/docs`)
    // stdout is a pipe here, not a terminal: JSON lines, as a log collector reads them
    expect(output.text).toMatch(/^\{"level":30,.*"msg":"Gatehouse listening on http/m)
    // Printed once, in the banner: never in a log line.
    expect(output.text.split(password!).length - 1).toBe(1)

    const login = await fetch(`${url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenant: "demo", email: "admin@example.com", password })
    })
    expect(login.status).toBe(200)
    expect(((await login.json()) as { session: { scope: string } }).session.scope).toBe("password_change")
    expect((await fetch(`${url}/docs`, { redirect: "manual" })).status).toBeLessThan(400)

    await new Promise((resolve) => setTimeout(resolve, 2000))
    const idleRss = rssMiB(child.pid!)
    console.info(
      `built server: cold start to /readyz ${coldStartMillis} ms on PGlite (empty folder), idle RSS ${idleRss ?? "?"} MiB`
    )

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    expect(output.text).toContain("Stopped")
    expect(existsSync(join(data.dir, "data", "pglite.lock"))).toBe(false)
  }, 90_000)
})
