import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { type OutboundOptions, parseAllowList, type Resolver } from "@gatehouse/adapters-outbound"

/** A plain HTTP server on 127.0.0.1 that counts the connections and requests it got. */
export interface LocalServer {
  readonly port: number
  readonly connections: () => number
  readonly requests: () => ReadonlyArray<{
    readonly url: string
    readonly host: string
    readonly body: string
  }>
  readonly close: () => Promise<void>
}

export const startLocalServer = async (
  handler: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => {
    response.writeHead(200, { "content-type": "application/json" })
    response.end('{"ok":true}')
  }
): Promise<LocalServer> => {
  let connections = 0
  const requests: Array<{ url: string; host: string; body: string }> = []
  const server = createServer((request, response) => {
    let body = ""
    request.setEncoding("utf8").on("data", (chunk: string) => {
      body += chunk
    })
    request.on("end", () => {
      requests.push({ url: request.url ?? "", host: request.headers.host ?? "", body })
      handler(request, response)
    })
  })
  server.on("connection", () => {
    connections += 1
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A public address (documentation ranges are not `unicast`, so a real one: example.com's). */
export const PUBLIC = "93.184.215.14"

/** A resolver from a fixed table; a name not in it does not resolve. Counts the questions per name. */
export const tableResolver = (
  table: Readonly<Record<string, ReadonlyArray<string> | (() => ReadonlyArray<string>)>>
): Resolver & { readonly asked: Map<string, number> } => {
  const asked = new Map<string, number>()
  const resolve = async (hostname: string) => {
    asked.set(hostname, (asked.get(hostname) ?? 0) + 1)
    const entry = table[hostname]
    if (entry === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" })
    const addresses = typeof entry === "function" ? entry() : entry
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }))
  }
  return Object.assign(resolve, { asked })
}

/** Options with an allow list given as `GATEHOUSE_OUTBOUND_ALLOW` would give it. */
export const withAllow = (allow: string, resolve: Resolver): OutboundOptions => {
  const parsed = parseAllowList(allow)
  if (parsed._tag === "bad") throw new Error(`bad allow list ${parsed.entries.join(",")}`)
  return { allow: parsed.list, resolve }
}
