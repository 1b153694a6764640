import { PasswordBlocklist } from "@gatehouse/domain"
import { Effect, Layer } from "effect"

/** A small blocklist for unit tests; the real list (10,000+ entries) lives in adapters-crypto. */
export const SAMPLE_BLOCKED = ["password", "password1", "123456", "12345678", "qwerty", "letmein", "iloveyou"]

export const layerSample = (
  blocked: ReadonlyArray<string> = SAMPLE_BLOCKED
): Layer.Layer<PasswordBlocklist> => {
  const set = new Set(blocked.map((p) => p.toLowerCase()))
  return Layer.succeed(
    PasswordBlocklist,
    PasswordBlocklist.of({ isBlocked: (p) => Effect.succeed(set.has(p.toLowerCase())) })
  )
}
