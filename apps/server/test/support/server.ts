import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createServer, type Env, loadConfig, type Server } from "@gatehouse/server"
import type { FastifyInstance } from "fastify"

/** A password every preset's policy accepts, with none of the fixtures' names in it. */
export const NEW_PASSWORD = "Tq8!Nebula-Crane-Vortex"

/**
 * A fresh, empty data folder, created when `dir` is first read (so a suite that is skipped or filtered out
 * leaves nothing behind), removed by `remove`.
 */
export const tempDataDir = (): { readonly dir: string; readonly remove: () => void } => {
  let dir: string | undefined
  return {
    get dir() {
      dir ??= mkdtempSync(join(tmpdir(), "gatehouse-server-"))
      return dir
    },
    remove: () => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** The environment of a quiet test server on `dir`. */
export const testEnv = (dir: string, extra: Env = {}): Env => ({
  GATEHOUSE_DATA_DIR: dir,
  GATEHOUSE_LOG_LEVEL: "silent",
  PORT: "0",
  ...extra
})

/** A composed server (not listening) from an environment, as `gatehouse serve` builds it. */
export const compose = (env: Env): Promise<Server> => createServer(loadConfig(env), env)

/** `POST /v1/auth/login` through inject; the status and the parsed body. */
export const login = async (app: FastifyInstance, tenant: string, email: string, password: string) => {
  const response = await app.inject({
    method: "POST",
    url: "/v1/auth/login",
    payload: { tenant, email, password }
  })
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
  return { status: response.statusCode, body: JSON.parse(response.body) as any }
}
