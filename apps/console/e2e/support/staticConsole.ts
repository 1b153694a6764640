import { createReadStream, existsSync, statSync } from "node:fs"
import { createServer, request, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize } from "node:path"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2"
}

// The policy the server puts on the console's pages: no inline script may run.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

const API = /^\/(v1\/|openapi\.json|docs|healthz|readyz)/u

/**
 * Until the server serves the console itself: the built console and the API on one origin, the API proxied
 * to `api`. Only the e2e harness uses it (a server that answers `/` with the console makes it unnecessary).
 */
export const startStaticConsole = async (
  dist: string,
  api: URL
): Promise<{ url: string; close: () => Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname
    if (API.test(path)) {
      const upstream = request(
        { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on("error", () => {
        res.writeHead(502).end()
      })
      req.pipe(upstream)
      return
    }
    const file = normalize(join(dist, decodeURIComponent(path)))
    const found = file.startsWith(dist) && existsSync(file) && statSync(file).isFile()
    const served = found ? file : join(dist, "index.html")
    res.writeHead(200, {
      "content-type": TYPES[extname(served)] ?? "application/octet-stream",
      "content-security-policy": CSP,
      "cache-control":
        found && path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache"
    })
    createReadStream(served).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
