import { randomBytes } from "node:crypto"
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs"
import { join, resolve } from "node:path"
import { AesGcmSecretBox } from "@gatehouse/adapters-crypto"
import { Effect, Redacted, Result } from "effect"
import type { Config } from "./config.ts"
import { ConfigError } from "./configProblems.ts"

/** What the server writes to its logs while starting (a pino logger in practice). */
export interface StartLog {
  readonly info: (message: string) => void
  readonly warn: (message: string) => void
}

/** Where things live inside `GATEHOUSE_DATA_DIR`. */
export interface DataPaths {
  /** The folder itself, absolute. */
  readonly root: string
  /** PGlite's database folder (when no DATABASE_URL). */
  readonly pglite: string
  readonly secretKey: string
  readonly platformToken: string
  /** Held by the process that has PGlite open. */
  readonly lock: string
}

/** The paths inside `dataDir` (resolved against the working directory). */
export const dataPaths = (dataDir: string): DataPaths => {
  const root = resolve(dataDir)
  return {
    root,
    pglite: join(root, "pgdata"),
    secretKey: join(root, "secret-key"),
    platformToken: join(root, "platform-token"),
    lock: join(root, "pglite.lock")
  }
}

/** Creates the data folder (owner-only) or fails naming `GATEHOUSE_DATA_DIR`. */
export const ensureDataDir = (dataDir: string): string => {
  const { root } = dataPaths(dataDir)
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 })
    if (!statSync(root).isDirectory()) throw new Error("not a folder")
  } catch (error) {
    throw new ConfigError([
      {
        variable: "GATEHOUSE_DATA_DIR",
        problem: `cannot create the folder ${root} (${(error as Error).message})`
      }
    ])
  }
  return root
}

/**
 * Reads a generated secret from `path`, or creates it (mode 0600, exclusively: two processes starting at once
 * cannot write different values). `created` tells the caller to say so.
 */
const fileSecret = (
  path: string,
  generate: () => string
): { readonly value: string; readonly created: boolean } => {
  try {
    const fd = openSync(path, "wx", 0o600)
    try {
      writeSync(fd, `${generate()}\n`)
    } finally {
      closeSync(fd)
    }
    chmodSync(path, 0o600)
    return { value: readFileSync(path, "utf8").trim(), created: true }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
  }
  return { value: readFileSync(path, "utf8").trim(), created: false }
}

const warnIfShared = (path: string, log: StartLog): void => {
  // Any permission bit for the group or others (mode & 0o077).
  if (statSync(path).mode % 0o100 !== 0) log.warn(`${path} is readable by other users: chmod 600 it`)
}

/**
 * Warns when the data folder lets the group or others in (a folder that already existed keeps its mode: only a
 * new one is created 0700). It holds the generated key and token and PGlite's files (the WAL holds argon2
 * hashes); PGlite's own folder is made owner-only by the store.
 */
export const warnIfFolderShared = (dataDir: string, log: StartLog): void => {
  const { root } = dataPaths(dataDir)
  if (statSync(root).mode % 0o100 !== 0) {
    log.warn(`${root} (GATEHOUSE_DATA_DIR) is open to other users: chmod 700 it`)
  }
}

/** The secrets the server needs, from the environment or the data folder. */
export interface Secrets {
  readonly keyRing: AesGcmSecretBox.KeyRing
  readonly platformToken: Redacted.Redacted<string>
  /** Where the platform token is kept when it was not configured (printed at start, never the token). */
  readonly platformTokenFile: string | undefined
}

/**
 * `GATEHOUSE_SECRET_KEY` and `GATEHOUSE_PLATFORM_TOKEN`, or when unset a key and a token generated into the data
 * folder on the first start (and read back on the next ones), with a warning: losing the key makes every
 * stored external credential unreadable.
 */
export const resolveSecrets = (config: Config, log: StartLog): Secrets => {
  const paths = dataPaths(config.dataDir)
  let keyRing = config.secretKey
  if (keyRing === undefined) {
    ensureDataDir(config.dataDir)
    const key = fileSecret(paths.secretKey, () => Redacted.value(AesGcmSecretBox.newKey()))
    const parsed = Effect.runSync(Effect.result(AesGcmSecretBox.parseKeyRing(Redacted.make(key.value))))
    if (Result.isFailure(parsed)) {
      throw new ConfigError([
        {
          variable: "GATEHOUSE_SECRET_KEY",
          problem: `unset, and ${paths.secretKey} is unusable (${parsed.failure.message})`
        }
      ])
    }
    keyRing = parsed.success
    warnIfShared(paths.secretKey, log)
    log.warn(
      key.created
        ? `GATEHOUSE_SECRET_KEY is not set: generated a key into ${paths.secretKey} (mode 0600). Back it up: stored credentials cannot be decrypted without it. Set GATEHOUSE_SECRET_KEY in production.`
        : `GATEHOUSE_SECRET_KEY is not set: using the key in ${paths.secretKey}. Set GATEHOUSE_SECRET_KEY in production.`
    )
    if (config.databaseUrl !== undefined) {
      log.warn("With DATABASE_URL, every server node needs the same GATEHOUSE_SECRET_KEY: set it explicitly.")
    }
  }
  if (config.platformToken !== undefined) {
    return { keyRing, platformToken: config.platformToken, platformTokenFile: undefined }
  }
  ensureDataDir(config.dataDir)
  const token = fileSecret(paths.platformToken, () => randomBytes(32).toString("base64url"))
  warnIfShared(paths.platformToken, log)
  log.info(
    `GATEHOUSE_PLATFORM_TOKEN is not set: the platform token (bearer token of POST /v1/tenants) is in ${paths.platformToken}${token.created ? " (generated now)" : ""}`
  )
  return { keyRing, platformToken: Redacted.make(token.value), platformTokenFile: paths.platformToken }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. Takes the
 * folder's lock (a file holding the pid; a stale one, whose process is gone, is taken over) and returns its
 * release.
 */
export const lockDataDir = (dataDir: string): (() => void) => {
  const { lock } = dataPaths(dataDir)
  ensureDataDir(dataDir)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx", 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
      const holder = Number(readFileSync(lock, "utf8").trim())
      // Our own pid counts too: two databases of one process on one folder corrupt it just the same.
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new ConfigError([
          {
            variable: "GATEHOUSE_DATA_DIR",
            problem: `the embedded database in ${dataPaths(dataDir).root} is in use by process ${holder}; stop it first (or use DATABASE_URL)`
          }
        ])
      }
      rmSync(lock, { force: true })
    }
  }
  throw new Error(`Cannot lock ${lock}`)
}
