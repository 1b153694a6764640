/** The parts of a received message a test reads: headers, and the decoded text and HTML bodies. */
export interface ReadMessage {
  readonly header: (name: string) => string | undefined
  readonly text: string
  readonly html: string
}

const splitHead = (block: string): { readonly head: string; readonly body: string } => {
  const at = block.indexOf("\r\n\r\n")
  return at < 0 ? { head: block, body: "" } : { head: block.slice(0, at), body: block.slice(at + 4) }
}

const headersOf = (head: string): ReadonlyMap<string, string> =>
  new Map(
    head
      .replace(/\r\n(?=[ \t])/gu, "")
      .split("\r\n")
      .filter((line) => line.includes(":"))
      .map((line) => {
        const colon = line.indexOf(":")
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const
      })
  )

const quotedPrintable = (text: string): string => {
  const soft = text.replace(/=\r?\n/gu, "")
  const bytes: Array<number> = []
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3)
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/u.test(hex)) {
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else bytes.push(soft.charCodeAt(i))
  }
  return Buffer.from(bytes).toString("utf8")
}

const decodeBody = (headers: ReadonlyMap<string, string>, body: string): string => {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase()
  if (encoding === "quoted-printable") return quotedPrintable(body)
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/gu, ""), "base64").toString("utf8")
  return body
}

// RFC 2047 encoded words, as nodemailer writes a subject that is not plain ASCII.
const decodeWords = (value: string): string =>
  value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/giu, (_, kind: string, data: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : quotedPrintable(data.replaceAll("_", " "))
  )

/** Reads a multipart/alternative message (or a single-part one) as nodemailer composes it. */
export const readMessage = (raw: string): ReadMessage => {
  const { head, body } = splitHead(raw)
  const headers = headersOf(head)
  const boundary = /boundary="?([^";]+)"?/iu.exec(headers.get("content-type") ?? "")?.[1]
  const parts =
    boundary === undefined
      ? [{ headers, body }]
      : body
          .split(`--${boundary}`)
          .map((block) => splitHead(block.replace(/^\r\n/u, "")))
          .map((part) => ({ headers: headersOf(part.head), body: part.body.replace(/\r\n$/u, "") }))
  const partOf = (type: string) => {
    const part = parts.find((p) => (p.headers.get("content-type") ?? "").startsWith(type))
    return part === undefined ? "" : decodeBody(part.headers, part.body)
  }
  return {
    header: (name) => {
      const value = headers.get(name.toLowerCase())
      return value === undefined ? undefined : decodeWords(value)
    },
    text: partOf("text/plain"),
    html: partOf("text/html")
  }
}
