/** A failure the fake answers with instead of (or after) running a request. */
export type Fault =
  /** HTTP 200 with a THROTTLED error; `restoreRate` sets the wait the client should compute. */
  | { readonly kind: "throttled"; readonly restoreRate: number }
  /** HTTP 429 with `Retry-After` (seconds, may be fractional as Shopify sends `2.0`). */
  | { readonly kind: "tooManyRequests"; readonly retryAfterSeconds: number }
  /** HTTP 502, 503 or 504 without running the request. */
  | { readonly kind: "status"; readonly status: 502 | 503 | 504 }
  /** The connection is destroyed without an answer: before running the request, or after (it took effect). */
  | { readonly kind: "drop"; readonly when: "before" | "after" }

interface Armed {
  readonly fault: Fault
  /** Root field names the fault applies to; empty: every request. */
  readonly fields: ReadonlyArray<string>
  remaining: number
}

/** Faults armed by a test, each for its next N matching requests, in the order they were armed. */
export class FaultQueue {
  private armed: Array<Armed> = []
  latencyMs = 0

  arm(fault: Fault, times: number, fields: ReadonlyArray<string> = []): void {
    this.armed.push({ fault, fields, remaining: times })
  }

  /** Takes the first armed fault matching a request with these root fields (counting it down). */
  take(fields: ReadonlyArray<string>): Fault | undefined {
    const found = this.armed.find(
      (a) => a.remaining > 0 && (a.fields.length === 0 || a.fields.some((f) => fields.includes(f)))
    )
    if (found === undefined) return undefined
    found.remaining -= 1
    this.armed = this.armed.filter((a) => a.remaining > 0)
    return found.fault
  }

  clear(): void {
    this.armed = []
    this.latencyMs = 0
  }
}

/**
 * Shopify's leaky bucket per app and store: `maximumAvailable` points, restored at `restoreRate` per second;
 * a request whose cost exceeds what is available is THROTTLED (and costs nothing).
 */
export class LeakyBucket {
  private available: number
  private at = Date.now()

  constructor(
    public maximumAvailable: number,
    public restoreRate: number
  ) {
    this.available = maximumAvailable
  }

  private refill(): void {
    const now = Date.now()
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((now - this.at) / 1000) * this.restoreRate
    )
    this.at = now
  }

  /** Takes `cost` points when available; returns whether it could. */
  take(cost: number): boolean {
    this.refill()
    if (cost > this.available) return false
    this.available -= cost
    return true
  }

  status(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } {
    this.refill()
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate
    }
  }

  reset(maximumAvailable = this.maximumAvailable, restoreRate = this.restoreRate): void {
    this.maximumAvailable = maximumAvailable
    this.restoreRate = restoreRate
    this.available = maximumAvailable
    this.at = Date.now()
  }
}
