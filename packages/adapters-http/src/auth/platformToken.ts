import { createHash, timingSafeEqual } from "node:crypto"
import { Redacted } from "effect"

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest()

/**
 * Whether a presented bearer token is the platform token. Both sides are hashed first so the comparison runs
 * in constant time whatever their lengths (timingSafeEqual needs equal lengths, and a length check would leak).
 */
export const isPlatformToken = (presented: string, configured: Redacted.Redacted<string>): boolean =>
  timingSafeEqual(digest(presented), digest(Redacted.value(configured)))
