/** Where a request comes from, as the HTTP adapter saw it (Fastify's `request.ip`, honouring `trustProxy`). */
export interface RequestOrigin {
  /** The client's address: the HTTP peer, or the proxy-reported client when the proxy is trusted. */
  readonly clientAddress?: string | undefined
}

/** The origin of a call that came without an address (an embedding program, a script): one shared bucket. */
export const UNKNOWN_ORIGIN = "unknown"

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** The eight 16-bit groups of an IPv6 address (with a possible dotted IPv4 tail), or undefined. */
const ipv6Groups = (address: string): ReadonlyArray<number> | undefined => {
  let text = address.toLowerCase()
  const zone = text.indexOf("%")
  if (zone >= 0) text = text.slice(0, zone)
  const tail = IPV4.exec(text.slice(text.lastIndexOf(":") + 1))
  if (tail !== null) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number]
    if ([a, b, c, d].some((n) => n > 255)) return undefined
    text = `${text.slice(0, text.lastIndexOf(":") + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const halves = text.split("::")
  if (halves.length > 2) return undefined
  const parse = (part: string) => (part === "" ? [] : part.split(":"))
  const head = parse(halves[0]!)
  const rest = halves.length === 2 ? parse(halves[1]!) : []
  const missing = 8 - head.length - rest.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const groups = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => "0"), ...rest]
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined
  return groups.map((g) => Number.parseInt(g, 16))
}

/**
 * The throttle's key of a client address: an IPv4 address as it is; an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so its 2^64 addresses count as one client), written
 * `2001:db8:1:2::/64`; an IPv4-mapped IPv6 address as its IPv4 address. Anything else (no address, a text that
 * is no address) is `unknown`, one bucket shared by all such calls.
 */
export const originKey = (origin: RequestOrigin = {}): string => {
  const address = origin.clientAddress?.trim()
  if (address === undefined || address === "") return UNKNOWN_ORIGIN
  const v4 = IPV4.exec(address)
  if (v4 !== null) {
    const parts = v4.slice(1).map(Number)
    return parts.every((n) => n <= 255) ? parts.join(".") : UNKNOWN_ORIGIN
  }
  const groups = ipv6Groups(address)
  if (groups === undefined) return UNKNOWN_ORIGIN
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".")
  }
  const prefix = groups.slice(0, 4).map((g) => g.toString(16))
  return `${prefix.join(":")}::/64`
}
