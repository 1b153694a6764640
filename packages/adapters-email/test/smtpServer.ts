import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"

/** One message as the server received it: the envelope, the login used, and the raw MIME text. */
export interface Received {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly user: string | undefined
  readonly raw: string
}

export interface LocalSmtp {
  readonly port: number
  readonly received: ReadonlyArray<Received>
  readonly logins: ReadonlyArray<{ readonly username: string; readonly password: string }>
  readonly close: () => Promise<void>
}

/**
 * An SMTP server on 127.0.0.1 at a random port that keeps what arrives. Recipients whose address starts with
 * "refused" get a 550. No TLS (STARTTLS is not offered), plain-text AUTH accepted for any login.
 */
export const startLocalSmtp = async (): Promise<LocalSmtp> => {
  const received: Array<Received> = []
  const logins: Array<{ username: string; password: string }> = []
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" })
      callback(null, { user: auth.username ?? "" })
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("refused")) {
        const error = Object.assign(new Error("5.1.1 <refused@example.com> mailbox unavailable"), {
          responseCode: 550
        })
        callback(error)
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        const envelope = session.envelope
        received.push({
          from: envelope.mailFrom === false ? "" : envelope.mailFrom.address,
          to: envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString("utf8")
        })
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
