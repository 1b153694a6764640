import pg from "pg"
import { OUTBOX_CHANNEL } from "../repositories/Outbox.ts"

/**
 * Calls `onNotify` whenever a transaction that queued webhook deliveries commits, on any process using the
 * same PostgreSQL server (LISTEN on one dedicated connection). A lost connection is opened again after
 * `retryMillis` (and `onNotify` is called then, in case a notification was missed). Answers the stop.
 */
export const listenForOutbox = (
  connectionString: string,
  onNotify: () => void,
  options: { readonly retryMillis?: number; readonly onError?: (error: unknown) => void } = {}
): (() => Promise<void>) => {
  let client: pg.Client | undefined
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const connect = async () => {
    if (stopped) return
    const next = new pg.Client({ connectionString })
    client = next
    next.on("notification", () => onNotify())
    next.on("error", (error) => {
      options.onError?.(error)
      next.end().catch(() => undefined)
      if (!stopped) timer = setTimeout(connect, options.retryMillis ?? 5_000)
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`)
      onNotify()
    } catch (error) {
      options.onError?.(error)
      next.end().catch(() => undefined)
      if (!stopped) timer = setTimeout(connect, options.retryMillis ?? 5_000)
    }
  }
  void connect()
  return async () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    await client?.end().catch(() => undefined)
  }
}
