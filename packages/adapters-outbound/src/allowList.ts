import ipaddr from "ipaddr.js"

type Address = ipaddr.IPv4 | ipaddr.IPv6

/** Hosts and CIDRs for which the outbound rule is lifted (`GATEHOUSE_OUTBOUND_ALLOW`), `http` included. */
export interface AllowList {
  /** Lower-cased host names, compared exactly (no wildcards). */
  readonly hosts: ReadonlyArray<string>
  /** Address ranges; a single address is a /32 or /128. */
  readonly ranges: ReadonlyArray<readonly [Address, number]>
}

export const emptyAllowList: AllowList = { hosts: [], ranges: [] }

// A DNS name: labels of letters, digits and hyphens (not at either end), dot-separated, at most 253 characters.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/u

/** An address in canonical form: an IPv4-mapped IPv6 address becomes its IPv4 address. */
export const parseAddress = (text: string): Address | undefined =>
  ipaddr.isValid(text) ? ipaddr.process(text) : undefined

/**
 * Parses a comma-separated list of host names, addresses and CIDRs (`127.0.0.1,10.0.0.0/8,fake.internal`).
 * Returns the list, or the entries that are none of those and their positions (1-based).
 */
export const parseAllowList = (
  text: string
):
  | { readonly _tag: "ok"; readonly list: AllowList }
  | {
      readonly _tag: "bad"
      readonly entries: ReadonlyArray<string>
      readonly positions: ReadonlyArray<number>
    } => {
  const hosts: Array<string> = []
  const ranges: Array<readonly [Address, number]> = []
  const bad: Array<string> = []
  const positions: Array<number> = []
  for (const [index, raw] of text.split(",").entries()) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/u, "$1")
    if (entry === "") continue
    if (entry.includes("/")) {
      if (!ipaddr.isValidCIDR(entry)) {
        bad.push(raw.trim())
        positions.push(index + 1)
        continue
      }
      const [address, bits] = ipaddr.parseCIDR(entry)
      // An IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
      ranges.push(
        address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
          ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
          : [address, bits]
      )
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry)
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128])
    } else if (HOST_NAME.test(entry)) hosts.push(entry)
    else {
      bad.push(raw.trim())
      positions.push(index + 1)
    }
  }
  return bad.length > 0 ? { _tag: "bad", entries: bad, positions } : { _tag: "ok", list: { hosts, ranges } }
}

/** The list from trusted text (tests, code); throws naming the malformed entries. */
export const allowListOf = (text: string): AllowList => {
  const parsed = parseAllowList(text)
  if (parsed._tag === "bad") throw new Error(`Malformed allow list entries: ${parsed.entries.join(", ")}`)
  return parsed.list
}

/** Whether an address falls in one of the list's ranges. */
export const allowsAddress = (list: AllowList, address: Address): boolean =>
  list.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))

/** Whether a URL host (a name, or an address literal without brackets) is on the list itself. */
export const allowsHost = (list: AllowList, host: string): boolean => {
  const address = parseAddress(host)
  return address === undefined ? list.hosts.includes(host.toLowerCase()) : allowsAddress(list, address)
}

/**
 * Whether an address is public: ipaddr.js classifies it as `unicast`. Everything else is refused, also the
 * translation prefixes (6to4, Teredo, NAT64) that can carry a private IPv4 address.
 */
export const isPublic = (address: Address): boolean => address.range() === "unicast"

/** ipaddr.js's name for the address's range, e.g. `loopback`, `private`, `linkLocal`. */
export const rangeOf = (address: Address): string => address.range()
