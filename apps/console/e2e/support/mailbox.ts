import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { SMTPServer } from "smtp-server"

/** One message as the test SMTP server received it: its recipients and its raw MIME text. */
export interface CapturedMail {
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

/**
 * A test SMTP server on 127.0.0.1 (no TLS, no AUTH) for the e2e server's `SMTP_URL`: each message it accepts
 * is written to `dir` as one JSON file, which the specs' workers (other processes) read with `mailTo`.
 */
export const startMailbox = async (
  dir: string
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  mkdirSync(dir, { recursive: true })
  let count = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        count += 1
        const mail: CapturedMail = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString("utf8")
        }
        writeFileSync(
          join(dir, `${String(Date.now()).padStart(15, "0")}-${count}.json`),
          JSON.stringify(mail)
        )
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** The text of a MIME message with quoted-printable undone (soft line breaks joined, `=XX` decoded). */
const decoded = (raw: string): string =>
  Buffer.from(
    raw
      .replace(/=\r?\n/gu, "")
      .replace(/=([0-9A-F]{2})/gu, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1"
  ).toString("utf8")

const mailDir = (): string => {
  const dir = process.env.GATEHOUSE_E2E_MAIL_DIR
  if (dir === undefined)
    throw new Error("GATEHOUSE_E2E_MAIL_DIR is not set: run the specs through playwright.config.ts")
  return dir
}

/** The messages received so far for `to`, oldest first. */
export const mailsTo = (to: string): ReadonlyArray<string> =>
  readdirSync(mailDir())
    .sort()
    .map((name) => JSON.parse(readFileSync(join(mailDir(), name), "utf8")) as CapturedMail)
    .filter((mail) => mail.to.includes(to.toLowerCase()))
    .map((mail) => decoded(mail.raw))

/**
 * The newest link to `page` (e.g. "password-reset") in an email to `to` that arrived after `after` earlier
 * ones, waiting up to 60 s for the delivery (the server tries a send again after a failure or 20 s without an answer).
 */
export const linkInMail = async (to: string, page: string, after = 0): Promise<string> => {
  const pattern = new RegExp(`https?://[^\\s"<>]+/${page}#token=[^\\s"<>]+`, "u")
  for (let i = 0; i < 600; i++) {
    const link = mailsTo(to)
      .slice(after)
      .map((text) => pattern.exec(text)?.[0])
      .findLast((found) => found !== undefined)
    if (link !== undefined) return link
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email to ${to} with a link to /${page}`)
}
