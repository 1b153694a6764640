import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

/** The one PIMS login the fake PIMS accepts; any other password is refused with 401. */
export const PIMS_LOGIN = { username: "rita.pims", password: "Pims-Secret-42" } as const

/**
 * A fake PIMS verify endpoint on 127.0.0.2 (a loopback address of its own, so that only it is lifted from the
 * outbound rule by `GATEHOUSE_OUTBOUND_ALLOW`, and 127.0.0.1 stays refused for every other spec): POST
 * `{username, password}` answers 204 for `PIMS_LOGIN`, 401 otherwise.
 */
export const startPimsVerifier = async (): Promise<{
  readonly url: string
  readonly host: string
  readonly close: () => Promise<void>
}> => {
  const host = "127.0.0.2"
  const server = createServer((request, response) => {
    let body = ""
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on("end", () => {
      let login: { username?: unknown; password?: unknown } = {}
      try {
        login = JSON.parse(body)
      } catch {
        login = {}
      }
      const accepted =
        request.method === "POST" &&
        login.username === PIMS_LOGIN.username &&
        login.password === PIMS_LOGIN.password
      response.writeHead(accepted ? 204 : 401).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}/verify`,
    host,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
