import type { LookupAddress } from "node:dns"
import {
  OutboundCallFailed,
  OutboundCalls,
  type OutboundRequest,
  type OutboundResponse,
  OutboundUrlRefused
} from "@gatehouse/domain"
import { type Duration, Effect, Layer } from "effect"
import { Agent } from "undici"
import { type AllowList, emptyAllowList } from "./allowList.ts"
import { checkUrl, type Resolver, refusalOf, systemResolver } from "./rule.ts"

export interface OutboundOptions {
  /** Hosts and CIDRs the rule is lifted for (`parseAllowList`); default none. */
  readonly allow?: AllowList | undefined
  /** Default: the system resolver (`getaddrinfo`). */
  readonly resolve?: Resolver | undefined
  /** Default 5 s. */
  readonly resolveTimeout?: Duration.Input | undefined
  /** The largest response body read (default 4 MiB); a larger one fails the call with `too_large`. */
  readonly maxResponseBytes?: number | undefined
}

/** The refusal of a connection's lookup, carried through undici to the call that caused it. */
class RefusedAtConnect extends Error {
  constructor(readonly refusal: OutboundUrlRefused) {
    super("outbound address refused")
  }
}

class TooLarge extends Error {}

const refusalIn = (error: unknown): OutboundUrlRefused | undefined => {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; depth += 1) {
    if (cause instanceof RefusedAtConnect) return cause.refusal
    cause = cause.cause
  }
  return undefined
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | ReadonlyArray<LookupAddress>,
  family?: number
) => void

/**
 * The `OutboundCalls` port over undici. `check` applies the rule now; `call` applies it again, then connects
 * through an agent whose `lookup` resolves the name for that very connection and checks each address before
 * the socket uses it (so no other resolution can slip in between), and never follows redirects.
 */
export const open = (
  options: OutboundOptions = {}
): { readonly service: OutboundCalls["Service"]; readonly close: () => Promise<void> } => {
  const rule = {
    allow: options.allow ?? emptyAllowList,
    resolve: options.resolve ?? systemResolver,
    resolveTimeout: options.resolveTimeout ?? "5 seconds"
  }
  const maxResponseBytes = options.maxResponseBytes ?? 4 * 1024 * 1024

  // One agent per scheme: plain http needs every address on the allow list, https only public ones.
  const agentFor = (protocol: "http:" | "https:") =>
    new Agent({
      connect: {
        lookup: ((hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
          rule.resolve(hostname).then(
            (answers) => {
              const refusal = refusalOf(
                rule.allow,
                { host: hostname, protocol },
                answers.map((answer) => answer.address)
              )
              if (refusal !== undefined) return callback(new RefusedAtConnect(refusal), [])
              if (lookupOptions.all === true) return callback(null, answers as ReadonlyArray<LookupAddress>)
              const first = answers[0] as LookupAddress
              return callback(null, first.address, first.family)
            },
            () =>
              callback(
                new RefusedAtConnect(new OutboundUrlRefused({ reason: "unresolved", host: hostname })),
                []
              )
          )
        }) as never
      }
    })
  const agents = { "http:": agentFor("http:"), "https:": agentFor("https:") }

  const send = async (request: OutboundRequest, url: URL, signal: AbortSignal): Promise<OutboundResponse> => {
    const agent = agents[url.protocol as "http:" | "https:"]
    const answer = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: { ...request.headers },
      body: request.body ?? null,
      signal
    })
    const chunks: Array<Buffer> = []
    let size = 0
    for await (const chunk of answer.body) {
      size += (chunk as Buffer).length
      if (size > maxResponseBytes) {
        answer.body.destroy()
        throw new TooLarge()
      }
      chunks.push(chunk as Buffer)
    }
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value
    }
    return { status: answer.statusCode, headers, body: Buffer.concat(chunks).toString("utf8") }
  }

  const call = (request: OutboundRequest) =>
    Effect.gen(function* () {
      const target = yield* checkUrl(rule, request.url)
      const host = target.host
      return yield* Effect.tryPromise({
        try: (signal) => send(request, target.url, signal),
        catch: (error) =>
          refusalIn(error) ??
          new OutboundCallFailed({ reason: error instanceof TooLarge ? "too_large" : "connection", host })
      }).pipe(
        Effect.timeoutOrElse({
          duration: request.timeout,
          orElse: () => Effect.fail(new OutboundCallFailed({ reason: "timeout", host }))
        })
      )
    })

  return {
    service: OutboundCalls.of({ check: (url) => Effect.asVoid(checkUrl(rule, url)), call }),
    close: async () => {
      await Promise.all([agents["http:"].close(), agents["https:"].close()])
    }
  }
}

/** The port alone (its idle connections close on their own after undici's keep-alive timeout). */
export const make = (options: OutboundOptions = {}): OutboundCalls["Service"] => open(options).service

/** The `OutboundCalls` port; its connections close with the layer. */
export const layer = (options: OutboundOptions = {}): Layer.Layer<OutboundCalls> =>
  Layer.effect(
    OutboundCalls,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => open(options)),
        (opened) => Effect.promise(opened.close)
      ),
      (opened) => opened.service
    )
  )
