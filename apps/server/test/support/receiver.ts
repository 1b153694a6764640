import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { Webhook } from "standardwebhooks"

/** One request the receiver got, with what it made of its Standard Webhooks signature. */
export interface Received {
  readonly id: string
  readonly timestamp: string
  readonly signature: string
  readonly body: string
  readonly at: number
  /** Whether the receiver acknowledged it (answered 2xx before the connection went). */
  acknowledged: boolean
}

/**
 * A webhook receiver on 127.0.0.1 for the end-to-end tests. `mode`: "up" answers 204, "hold" keeps each request
 * open until `release()`, "gone" answers 410; `start()` puts it on the network (it is not until then), `stop()`
 * takes it off and `start()` back (same port), so the server's calls are refused meanwhile.
 */
export const makeReceiver = () => {
  const received: Array<Received> = []
  const held: Array<{ readonly response: ServerResponse; readonly request: Received }> = []
  const sockets = new Set<Socket>()
  let mode: "up" | "hold" | "gone" = "up"
  let server: Server | undefined
  let port = 0
  const waiters: Array<() => void> = []

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    let body = ""
    request.setEncoding("utf8")
    request.on("data", (chunk: string) => {
      body += chunk
    })
    request.on("end", () => {
      const entry: Received = {
        id: String(request.headers["webhook-id"]),
        timestamp: String(request.headers["webhook-timestamp"]),
        signature: String(request.headers["webhook-signature"]),
        body,
        at: performance.now(),
        acknowledged: false
      }
      received.push(entry)
      if (mode === "hold") held.push({ response, request: entry })
      else {
        response.writeHead(mode === "gone" ? 410 : 204).end()
        entry.acknowledged = mode === "up"
      }
      for (const wake of waiters.splice(0)) wake()
    })
  }

  const start = async () => {
    server = createServer(handle)
    server.on("connection", (socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve))
    port = (server.address() as AddressInfo).port
  }
  const stop = async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
    server = undefined
  }

  /** Distinct webhook ids received so far. */
  const ids = () => new Set(received.map((r) => r.id))

  return {
    received,
    ids,
    get url() {
      return `http://127.0.0.1:${port}/hooks/gatehouse`
    },
    setMode: (next: typeof mode) => {
      mode = next
    },
    /** Answers the held requests (204) and stops holding. */
    release: () => {
      mode = "up"
      for (const { response, request } of held.splice(0)) {
        // the sender gave up (stopped, killed, timed out): this request was never acknowledged
        if (response.destroyed || response.socket === null || response.socket.destroyed) continue
        response.writeHead(204).end()
        request.acknowledged = true
      }
    },
    held: () => held.length,
    start,
    stop,
    /** Resolves when `predicate` holds (checked after each request), or rejects after `millis`. */
    until: (predicate: () => boolean, millis: number, what: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver: no ${what} within ${millis} ms`)), millis)
        const check = () => {
          if (predicate()) {
            clearTimeout(timer)
            resolve()
          } else waiters.push(check)
        }
        check()
      })
  }
}

export type Receiver = ReturnType<typeof makeReceiver>

/** Verifies a received request with the Standard Webhooks reference library; answers the parsed body or throws. */
export const verify = (secret: string, request: Received): unknown =>
  new Webhook(secret).verify(request.body, {
    "webhook-id": request.id,
    "webhook-timestamp": request.timestamp,
    "webhook-signature": request.signature
  })
