import { OutboundCalls, OutboundUrlRefused } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import ipaddr from "ipaddr.js"

type Address = ipaddr.IPv4 | ipaddr.IPv6

/** A public unicast address (example.com's) that names outside `hosts` resolve to by default. */
const PUBLIC = "93.184.215.14"

export interface FakeOutboundOptions {
  /** How names resolve (every address of each). */
  readonly hosts?: Readonly<Record<string, ReadonlyArray<string>>>
  /** Names outside `hosts`: a public address (the default: tests save any https URL), or none. */
  readonly unlistedNames?: "public" | "unresolved"
  /** Hosts, addresses and CIDRs the rule is lifted for, http included (as `GATEHOUSE_OUTBOUND_ALLOW`). */
  readonly allow?: ReadonlyArray<string>
  /** Names that resolve to a private address (so are refused as `address`): shorthand for `hosts`. */
  readonly refusedHosts?: ReadonlyArray<string>
}

const refused = (reason: OutboundUrlRefused["reason"], host: string, address?: string) =>
  new OutboundUrlRefused({ reason, host, ...(address === undefined ? {} : { address }) })

const parse = (text: string): Address | undefined => (ipaddr.isValid(text) ? ipaddr.process(text) : undefined)

/**
 * A stand-in `OutboundCalls` for in-memory tests: `check` applies the outbound rule (it passes the testkit's
 * `outboundRuleContract`) over a resolution table instead of DNS; `call` is a defect, as in-memory tests make
 * no calls (tests that do use `@gatehouse/adapters-outbound`, which passes the whole `outboundCallsContract`).
 */
export const make = (options: FakeOutboundOptions = {}): OutboundCalls["Service"] => {
  const hosts: Record<string, ReadonlyArray<string>> = { ...options.hosts }
  for (const host of options.refusedHosts ?? []) hosts[host] = ["10.0.0.1"]
  const allowedHosts = new Set<string>()
  const ranges: Array<readonly [Address, number]> = []
  for (const entry of options.allow ?? []) {
    if (entry.includes("/")) ranges.push(ipaddr.parseCIDR(entry))
    else {
      const address = parse(entry)
      if (address === undefined) allowedHosts.add(entry.toLowerCase())
      else ranges.push([address, address.kind() === "ipv4" ? 32 : 128])
    }
  }
  const allowed = (address: Address) =>
    ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))

  const check = (text: string): Effect.Effect<void, OutboundUrlRefused> => {
    if (!URL.canParse(text)) return Effect.fail(refused("invalid_url", ""))
    const url = new URL(text)
    const host = url.hostname.replace(/^\[(.*)\]$/u, "$1")
    if (host === "" || url.username !== "" || url.password !== "")
      return Effect.fail(refused("invalid_url", host))
    if (url.protocol !== "https:" && url.protocol !== "http:") return Effect.fail(refused("scheme", host))
    const literal = parse(host)
    if (literal === undefined && allowedHosts.has(host.toLowerCase())) return Effect.void
    const addresses =
      literal !== undefined
        ? [literal.toString()]
        : (hosts[host.toLowerCase()] ?? (options.unlistedNames === "unresolved" ? [] : [PUBLIC]))
    if (addresses.length === 0) return Effect.fail(refused("unresolved", host))
    for (const text of addresses) {
      const address = parse(text)
      if (address === undefined) return Effect.fail(refused("address", host, text))
      if (allowed(address)) continue
      if (url.protocol !== "https:") return Effect.fail(refused("scheme", host))
      if (address.range() !== "unicast") return Effect.fail(refused("address", host, address.toString()))
    }
    return Effect.void
  }

  return OutboundCalls.of({
    check,
    call: (request) =>
      Effect.die(new Error(`The in-memory OutboundCalls makes no calls (${new URL(request.url).host})`))
  })
}

/**
 * The stand-in as a layer. The in-memory layer uses it with 127.0.0.1 allowed, as test servers run with
 * `GATEHOUSE_OUTBOUND_ALLOW=127.0.0.1`.
 */
export const layerFake = (options: FakeOutboundOptions = {}): Layer.Layer<OutboundCalls> =>
  Layer.succeed(OutboundCalls, make(options))
