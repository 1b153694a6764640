import pg from "pg"
import { OUTBOX_CHANNEL } from "../repositories/Outbox.ts"

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/u

/**
 * LISTENs on `channel` on one dedicated connection to the server at `connectionString` and calls `onNotify` on
 * each notification, and once each time listening (re)starts (a notification may have been missed while the
 * connection was down). A lost connection is opened again after `retryMillis`. Answers the stop.
 */
export const listenOn = (
  connectionString: string,
  channel: string,
  onNotify: () => void,
  options: { readonly retryMillis?: number; readonly onError?: (error: unknown) => void } = {}
): (() => Promise<void>) => {
  if (!IDENTIFIER.test(channel)) throw new Error(`Not a channel name: ${channel}`)
  let client: pg.Client | undefined
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  // Once per connection: its "error" event and its failed connect may both report one loss.
  const failed = new WeakSet<pg.Client>()
  const retry = (next: pg.Client, error: unknown) => {
    if (failed.has(next)) return
    failed.add(next)
    options.onError?.(error)
    next.end().catch(() => undefined)
    if (!stopped) timer = setTimeout(connect, options.retryMillis ?? 5_000)
  }
  const connect = async () => {
    if (stopped) return
    const next = new pg.Client({ connectionString })
    client = next
    next.on("notification", () => onNotify())
    next.on("error", (error) => retry(next, error))
    try {
      await next.connect()
      await next.query(`LISTEN ${channel}`)
      onNotify()
    } catch (error) {
      retry(next, error)
    }
  }
  void connect()
  return async () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    await client?.end().catch(() => undefined)
  }
}

/**
 * Calls `onNotify` whenever a transaction that queued webhook deliveries commits, on any process using the
 * same PostgreSQL server (LISTEN on one dedicated connection). A lost connection is opened again after
 * `retryMillis` (and `onNotify` is called then, in case a notification was missed). Answers the stop.
 */
export const listenForOutbox = (
  connectionString: string,
  onNotify: () => void,
  options: { readonly retryMillis?: number; readonly onError?: (error: unknown) => void } = {}
): (() => Promise<void>) => listenOn(connectionString, OUTBOX_CHANNEL, onNotify, options)
