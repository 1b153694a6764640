import { execFile, spawnSync } from "node:child_process"
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { loadConfig, type Running, startServer } from "@gatehouse/server"
import { Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDataDir, testEnv } from "./support/server.ts"

const README = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8")
const HEADING = "### A first session with curl"

/** The first ```sh block after the walk-through's heading. */
const walkThrough = (): string => {
  const after = README.slice(README.indexOf(HEADING))
  const match = /```sh\n([\s\S]*?)```/u.exec(after)
  if (!README.includes(HEADING) || match === null)
    throw new Error(`README.md: no sh block under "${HEADING}"`)
  return match[1]!
}

const realCurl = (): string | undefined => {
  const found = spawnSync("sh", ["-c", "command -v curl"], { encoding: "utf8" })
  return found.status === 0 ? found.stdout.trim() : undefined
}

const CURL = realCurl()
if (CURL === undefined) console.warn("curl is not installed: the README's curl walk-through is not replayed.")

describe.skipIf(CURL === undefined)(
  "the README's curl walk-through, replayed against a started server",
  () => {
    const data = tempDataDir()
    let running: Running
    let password = ""

    beforeAll(async () => {
      const env = testEnv(data.dir)
      running = await startServer(loadConfig(env), env, () => undefined)
      const first = running.server.firstStart
      if (first._tag !== "Demo") throw new Error("expected the demo tenant")
      password = Redacted.value(first.password)
    })
    afterAll(async () => {
      await running?.stop()
      data.remove()
    })

    it("runs every request of the block as written, with the statuses the block's comments promise", async () => {
      const block = walkThrough()
      // What a reader types differently: the server's address and the password printed at its first start.
      expect(block).toMatch(/^BASE=http:\/\/127\.0\.0\.1:3000$/m)
      expect(block).toMatch(/^PASSWORD='.*'$/m)
      const script = block
        .replace(/^BASE=.*$/m, `BASE=${running.url}`)
        .replace(/^PASSWORD=.*$/m, `PASSWORD='${password}'`)

      // A curl on PATH that runs the real one and records each answer's status line.
      const bin = join(data.dir, "bin")
      mkdirSync(bin, { recursive: true })
      const statuses = join(data.dir, "statuses")
      writeFileSync(
        join(bin, "curl"),
        `#!/bin/sh\nheaders=$(mktemp)\n"${CURL}" -D "$headers" "$@"\nrc=$?\nhead -n 1 "$headers" | cut -d' ' -f2 >> "${statuses}"\nrm -f "$headers"\necho\nexit $rc\n`
      )
      chmodSync(join(bin, "curl"), 0o755)

      // Asynchronously: the server answers from this process's event loop.
      const { stdout: output } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], {
        cwd: data.dir,
        env: { PATH: `${bin}:${process.env.PATH}` },
        encoding: "utf8",
        timeout: 20_000
      })
      const codes = readFileSync(statuses, "utf8").trim().split("\n").map(Number)
      // The block's comments: "1. log in: 200", "2. ...: 204", ... in order.
      const promised = [...block.matchAll(/^# \d+\. [^:]+: (\d{3})/gm)].map((match) => Number(match[1]))
      expect(promised).toEqual([200, 204, 200, 201, 200])
      expect(codes).toEqual(promised)

      const answers = output
        .trim()
        .split("\n")
        .filter((line) => line.startsWith("{"))
      const [firstLogin, secondLogin, created, listed] = answers.map((line) => JSON.parse(line))
      expect(firstLogin.session.scope).toBe("password_change")
      expect(secondLogin.session.scope).toBe("full")
      expect(created.user.email).toBe("alice@example.com")
      expect(created.generatedPassword).toMatch(/^.{8}$/)
      expect(listed.total).toBe(1)
      expect(listed.items.map((user: { email: string }) => user.email)).toEqual(["alice@example.com"])
    })
  }
)
