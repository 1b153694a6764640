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
  /** MAIL FROM commands seen, refused ones included. */
  readonly attempts: () => number
  readonly received: ReadonlyArray<Received>
  readonly logins: ReadonlyArray<{ readonly username: string; readonly password: string }>
  readonly close: () => Promise<void>
}

/**
 * An SMTP server on 127.0.0.1 at a random port that keeps what arrives. Recipients whose address starts with
 * "refused" get a 550. No TLS (STARTTLS is not offered), plain-text AUTH accepted for any login.
 * `busyFor`: the first so many MAIL FROM commands get a 451 (a transient refusal: try again later).
 * `hangFor`: the first so many messages are read but never answered (a message lost without an error).
 */
export const startLocalSmtp = async (
  options: { readonly busyFor?: number; readonly hangFor?: number } = {}
): Promise<LocalSmtp> => {
  let attempts = 0
  let messages = 0
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
    onMailFrom(_address, _session, callback) {
      attempts += 1
      if (attempts <= (options.busyFor ?? 0)) {
        callback(Object.assign(new Error("4.3.2 try again later"), { responseCode: 451 }))
        return
      }
      callback()
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
        messages += 1
        if (messages <= (options.hangFor ?? 0)) return
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
    attempts: () => attempts,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
