import { lookup } from "node:dns/promises"
import { OutboundUrlRefused } from "@gatehouse/domain"
import { type Duration, Effect } from "effect"
import { type AllowList, allowsAddress, allowsHost, isPublic, parseAddress } from "./allowList.ts"

/** One address a name resolves to. */
export interface ResolvedAddress {
  readonly address: string
  readonly family: number
}

/** Resolves a host name to every address it has (the system resolver by default; tests inject their own). */
export type Resolver = (hostname: string) => Promise<ReadonlyArray<ResolvedAddress>>

/** `getaddrinfo` through node:dns, as connections would resolve the name (hosts file included). */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true })

export interface RuleOptions {
  readonly allow: AllowList
  readonly resolve: Resolver
  /** How long a resolution may take (default 5 s); then the name counts as unresolved. */
  readonly resolveTimeout: Duration.Input
}

/** A URL that passed the rule's static part: its host without brackets, and whether it is an address. */
export interface Target {
  readonly url: URL
  readonly host: string
  readonly literal: boolean
}

const refused = (reason: OutboundUrlRefused["reason"], host: string, address?: string): OutboundUrlRefused =>
  new OutboundUrlRefused({ reason, host, ...(address === undefined ? {} : { address }) })

/** The URL's static checks: absolute, no credentials, http or https (plain http is judged with its addresses). */
export const parseTarget = (text: string): Target | OutboundUrlRefused => {
  if (!URL.canParse(text)) return refused("invalid_url", "")
  const url = new URL(text)
  const host = url.hostname.replace(/^\[(.*)\]$/u, "$1")
  if (host === "" || url.username !== "" || url.password !== "") return refused("invalid_url", host)
  if (url.protocol !== "https:" && url.protocol !== "http:") return refused("scheme", host)
  return { url, host, literal: parseAddress(host) !== undefined }
}

/**
 * Whether the addresses a target's host has (or is) may be connected to. A host on the allow list may be
 * anything; otherwise every address must be public or allowed, and plain http needs every address allowed.
 */
export const refusalOf = (
  allow: AllowList,
  target: Pick<Target, "host"> & { readonly protocol: string },
  addresses: ReadonlyArray<string>
): OutboundUrlRefused | undefined => {
  if (addresses.length === 0) return refused("unresolved", target.host)
  if (allowsHost(allow, target.host) && parseAddress(target.host) === undefined) return undefined
  for (const text of addresses) {
    const address = parseAddress(text)
    if (address === undefined) return refused("address", target.host, text)
    const allowed = allowsAddress(allow, address)
    if (!allowed && target.protocol !== "https:") return refused("scheme", target.host)
    if (!allowed && !isPublic(address)) return refused("address", target.host, address.toString())
  }
  return undefined
}

/** Resolves a name under the rule's time limit; a failure or no answer is `unresolved`. */
export const resolveWithin = (
  options: RuleOptions,
  host: string
): Effect.Effect<ReadonlyArray<string>, OutboundUrlRefused> =>
  Effect.tryPromise({
    try: () => options.resolve(host),
    catch: () => refused("unresolved", host)
  }).pipe(
    Effect.timeoutOrElse({
      duration: options.resolveTimeout,
      orElse: () => Effect.fail(refused("unresolved", host))
    }),
    Effect.map((answers) => answers.map((answer) => answer.address))
  )

/** The whole rule for a URL now: parsed, resolved (unless an address literal), every address checked. */
export const checkUrl = (options: RuleOptions, text: string): Effect.Effect<Target, OutboundUrlRefused> =>
  Effect.gen(function* () {
    const target = parseTarget(text)
    if (target instanceof OutboundUrlRefused) return yield* target
    const addresses = target.literal ? [target.host] : yield* resolveWithin(options, target.host)
    const refusal = refusalOf(options.allow, { host: target.host, protocol: target.url.protocol }, addresses)
    if (refusal !== undefined) return yield* refusal
    return target
  })
