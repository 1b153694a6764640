import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  ConfigError,
  dataPaths,
  loadConfig,
  lockDataDir,
  resolveSecrets,
  type StartLog,
  warnIfFolderShared
} from "@gatehouse/server"
import { Redacted } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-data-"))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const recording = () => {
  const lines: Array<string> = []
  const log: StartLog = { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) }
  return { log, lines }
}

const modeOf = (path: string) => statSync(path).mode % 0o1000

describe("resolveSecrets", () => {
  it("generates a key and a platform token into a new data folder, owner-only, and says where", () => {
    const data = join(dir, "nested", "data")
    const { log, lines } = recording()
    const secrets = resolveSecrets(loadConfig({ GATEHOUSE_DATA_DIR: data }), log)
    const paths = dataPaths(data)
    expect(modeOf(paths.secretKey)).toBe(0o600)
    expect(modeOf(paths.platformToken)).toBe(0o600)
    expect(modeOf(paths.root)).toBe(0o700)
    expect(secrets.keyRing.currentKeyId).toBe("k1")
    expect(Buffer.from(readFileSync(paths.secretKey, "utf8").trim(), "base64")).toHaveLength(32)
    expect(Redacted.value(secrets.platformToken)).toBe(readFileSync(paths.platformToken, "utf8").trim())
    expect(Redacted.value(secrets.platformToken).length).toBeGreaterThanOrEqual(43)
    expect(secrets.platformTokenFile).toBe(paths.platformToken)
    expect(
      lines.some(
        (l) => l.startsWith("warn GATEHOUSE_SECRET_KEY is not set: generated") && l.includes(paths.secretKey)
      )
    ).toBe(true)
    expect(lines.some((l) => l.includes(paths.platformToken))).toBe(true)
    // The token itself is never logged.
    expect(lines.join("\n")).not.toContain(Redacted.value(secrets.platformToken))
  })

  it("reads them back on the next start instead of generating new ones", () => {
    const config = loadConfig({ GATEHOUSE_DATA_DIR: dir })
    const first = resolveSecrets(config, recording().log)
    const key = readFileSync(dataPaths(dir).secretKey, "utf8")
    const { log, lines } = recording()
    const second = resolveSecrets(config, log)
    expect(readFileSync(dataPaths(dir).secretKey, "utf8")).toBe(key)
    expect(Redacted.value(second.platformToken)).toBe(Redacted.value(first.platformToken))
    expect(lines.some((l) => l.includes("using the key in"))).toBe(true)
  })

  it("uses the configured values and writes nothing", () => {
    const key = Buffer.alloc(32, 7).toString("base64")
    const token = "p".repeat(40)
    const data = join(dir, "unused")
    const secrets = resolveSecrets(
      loadConfig({
        GATEHOUSE_DATA_DIR: data,
        GATEHOUSE_SECRET_KEY: `main:${key}`,
        GATEHOUSE_PLATFORM_TOKEN: token
      }),
      recording().log
    )
    expect(secrets.keyRing.currentKeyId).toBe("main")
    expect(Redacted.value(secrets.platformToken)).toBe(token)
    expect(secrets.platformTokenFile).toBeUndefined()
    expect(() => statSync(data)).toThrow()
  })

  it("a damaged key file stops the start with a line naming the variable", () => {
    writeFileSync(dataPaths(dir).secretKey, "short\n", { mode: 0o600 })
    const start = () => resolveSecrets(loadConfig({ GATEHOUSE_DATA_DIR: dir }), recording().log)
    expect(start).toThrow(ConfigError)
    expect(start).toThrow(/^GATEHOUSE_SECRET_KEY: unset, and .*secret-key is unusable/)
  })

  it("warns when a secret file is readable by others", () => {
    writeFileSync(dataPaths(dir).platformToken, `${"t".repeat(43)}\n`, { mode: 0o644 })
    const { log, lines } = recording()
    resolveSecrets(loadConfig({ GATEHOUSE_DATA_DIR: dir }), log)
    expect(
      lines.some((l) => l.startsWith("warn") && l.includes("platform-token is readable by other users"))
    ).toBe(true)
  })

  it("warns that server nodes need one shared key when DATABASE_URL is set without a key", () => {
    const { log, lines } = recording()
    resolveSecrets(loadConfig({ GATEHOUSE_DATA_DIR: dir, DATABASE_URL: "postgres://db/g" }), log)
    expect(lines.some((l) => l.includes("every server node needs the same GATEHOUSE_SECRET_KEY"))).toBe(true)
  })
})

describe("warnIfFolderShared", () => {
  it("warns when the data folder is readable by the group or others, and is silent when it is 0700", () => {
    chmodSync(dir, 0o755)
    const open = recording()
    warnIfFolderShared(dir, open.log)
    expect(open.lines).toEqual([`warn ${dir} (GATEHOUSE_DATA_DIR) is open to other users: chmod 700 it`])
    chmodSync(dir, 0o700)
    const closed = recording()
    warnIfFolderShared(dir, closed.log)
    expect(closed.lines).toEqual([])
  })
})

describe("lockDataDir", () => {
  it("lets one holder in at a time, naming the holder's pid, and frees the folder on release", () => {
    const release = lockDataDir(dir)
    expect(readFileSync(dataPaths(dir).lock, "utf8")).toBe(String(process.pid))
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`^GATEHOUSE_DATA_DIR: .* in use by process ${process.pid}`)
    )
    release()
    const again = lockDataDir(dir)
    again()
  })

  it("takes over the lock of a process that is gone", () => {
    // A pid far above any pid_max: no such process.
    writeFileSync(dataPaths(dir).lock, "2147483646")
    const release = lockDataDir(dir)
    expect(readFileSync(dataPaths(dir).lock, "utf8")).toBe(String(process.pid))
    release()
  })
})
