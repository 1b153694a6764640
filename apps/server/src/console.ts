import { existsSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import fastifyStatic from "@fastify/static"
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify"

/**
 * The built console (apps/console/dist), found from this file: `apps/server/src/console.ts` when run from the
 * sources, `apps/server/dist/*.js` when built; both sit one folder below apps/server.
 */
export const defaultConsoleDir = (): string =>
  resolve(fileURLToPath(new URL(".", import.meta.url)), "../../console/dist")

/** Whether `dir` holds a built console (its `index.html`). */
export const consoleBuilt = (dir: string): boolean => existsSync(join(dir, "index.html"))

// Paths that keep their meaning (the API, its documents, the probes) and the hashed assets: a miss there is a
// problem+json 404, never the console's page.
const NOT_CONSOLE = ["/v1", "/openapi.json", "/docs", "/healthz", "/readyz", "/assets"]

const pathOf = (url: string): string => url.split("?", 1)[0] ?? "/"

/** A console route: a GET for a page (the browser accepts text/html) outside the API's and the assets' paths. */
export const isConsoleRoute = (request: FastifyRequest): boolean => {
  const path = pathOf(request.url)
  const accept = request.headers.accept ?? ""
  return (
    /\btext\/html\b/iu.test(accept) &&
    !NOT_CONSOLE.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
  )
}

const YEAR_IMMUTABLE = "public, max-age=31536000, immutable"
// index.html (and any other unhashed file) names the current hashed assets: always revalidated (its ETag keeps
// that cheap).
const REVALIDATE = "no-cache"

export interface ConsoleOptions {
  /** The folder of the built console (`index.html`, `assets/`). */
  readonly root: string
}

/**
 * Serves the built console at `/`: its files as they were when the server started (Vite's hashed assets under
 * `/assets/` cached for a year, everything else revalidated), and `index.html` for any other page a browser asks
 * for (the console's own routes, e.g. `/setup`), so that a reload or an emailed link opens the right page.
 * Encapsulated: its `sendFile` decorator is its own.
 */
export const consolePlugin: FastifyPluginAsync<ConsoleOptions> = async (app, options) => {
  await app.register(fastifyStatic, {
    root: options.root,
    // one route per file found at start (no wildcard route of its own): the fallback below is the wildcard
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = /^[\\/]?assets[\\/]/u.test(relative(options.root, path))
      reply.header("cache-control", hashed ? YEAR_IMMUTABLE : REVALIDATE)
    }
  })
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    if (!isConsoleRoute(request)) return reply.callNotFound()
    return reply.sendFile("index.html")
  })
}

/**
 * Serves the console from `dir` when it holds a build; otherwise says so in one line (the API is served either
 * way). Returns whether the console is served.
 */
export const mountConsole = async (
  app: FastifyInstance,
  dir: string,
  log: { readonly info: (message: string) => void }
): Promise<boolean> => {
  if (!consoleBuilt(dir)) {
    log.info(
      `No built console in ${dir} (npm run build -w @gatehouse/console, or set GATEHOUSE_CONSOLE_DIR): serving the API only`
    )
    return false
  }
  await app.register(consolePlugin, { root: dir })
  return true
}
