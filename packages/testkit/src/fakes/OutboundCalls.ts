import { OutboundCalls, OutboundUrlRefused } from "@gatehouse/domain"
import { Effect, Layer } from "effect"

/**
 * A stand-in `OutboundCalls` for in-memory tests that save URLs but never call them. `check` accepts every
 * absolute URL except the hosts in `refusedHosts` (refused as `address`); `call` is a defect: tests that make
 * calls use `@gatehouse/adapters-outbound` (the real rule) instead. It does NOT implement the outbound rule.
 */
export const layerFake = (
  options: { readonly refusedHosts?: ReadonlyArray<string> } = {}
): Layer.Layer<OutboundCalls> =>
  Layer.succeed(
    OutboundCalls,
    OutboundCalls.of({
      check: (url) => {
        if (!URL.canParse(url))
          return Effect.fail(new OutboundUrlRefused({ reason: "invalid_url", host: "" }))
        const host = new URL(url).hostname
        return (options.refusedHosts ?? []).includes(host)
          ? Effect.fail(new OutboundUrlRefused({ reason: "address", host }))
          : Effect.void
      },
      call: (request) =>
        Effect.die(new Error(`The in-memory OutboundCalls makes no calls (${new URL(request.url).host})`))
    })
  )
