import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { HEAP_FLAGS, heapFlagArgs } from "../src/heapFlags.ts"

const SCRIPT = ["/usr/bin/node", "/srv/gatehouse/dist/main.js", "serve"]

describe("the server's V8 heap flags", () => {
  it("start the script again with the flags it lacks, before its own node options and arguments", () => {
    expect(heapFlagArgs(["--enable-source-maps"], undefined, SCRIPT)).toEqual([
      ...HEAP_FLAGS,
      "--enable-source-maps",
      "/srv/gatehouse/dist/main.js",
      "serve"
    ])
  })

  it("are not added again when given, as a node option or in NODE_OPTIONS (either spelling)", () => {
    expect(heapFlagArgs(["--max-semi-space-size=32"], undefined, SCRIPT)).toBeUndefined()
    expect(heapFlagArgs([], "--require x.cjs --max_semi_space_size=8", SCRIPT)).toBeUndefined()
  })

  it("are in force in a process that calls restartWithHeapFlags first: the same pid, the flags added", () => {
    const module = fileURLToPath(new URL("../src/heapFlags.ts", import.meta.url))
    // the first pid travels to the restarted process in its environment
    const probe = `process.env.PROBE_FIRST_PID ??= String(process.pid)
      const { restartWithHeapFlags } = await import(${JSON.stringify(module)})
      restartWithHeapFlags()
      console.log(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), first: Number(process.env.PROBE_FIRST_PID), pid: process.pid }))`
    const script = join(mkdtempSync(join(tmpdir(), "gatehouse-heap-flags-")), "probe.mjs")
    writeFileSync(script, probe)
    const run = (env: NodeJS.ProcessEnv) =>
      JSON.parse(
        execFileSync(process.execPath, [script, "an-argument"], {
          env: { PATH: process.env.PATH, ...env },
          encoding: "utf8"
        })
      ) as { execArgv: Array<string>; argv: Array<string>; first: number; pid: number }
    const restarted = run({})
    expect(restarted.execArgv).toEqual(expect.arrayContaining([...HEAP_FLAGS]))
    expect(restarted.argv).toEqual(["an-argument"])
    expect(restarted.pid).toBe(restarted.first)
    const kept = run({ GATEHOUSE_NODE_FLAGS: "off" })
    expect(kept.execArgv).not.toEqual(expect.arrayContaining([...HEAP_FLAGS]))
  })
})
