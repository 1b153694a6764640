import type pg from "pg"
import { APP_ROLE, type Connection, type Driver } from "./Driver.ts"

export interface PoolDriverOptions {
  readonly kind: Driver["kind"]
  /**
   * The role sessions switch to (`SET ROLE`) so that row-level security applies even when the connecting
   * user owns the tables or is a superuser (default `gatehouse_app`, created by the migrations). `null`: no
   * switch; then connect as a role the policies bind (not the owner, no BYPASSRLS), e.g. a login role that
   * is a member of `gatehouse_app`, and migrate with the owner's credentials.
   */
  readonly appRole?: string | null | undefined
  /** Runs after the pool has ended (e.g. closing PGlite). */
  readonly onClose?: (() => Promise<void>) | undefined
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** A Driver over a `pg` Pool: a server's pool, or a pool whose single connection is PGlite. */
export const makePoolDriver = (pool: pg.Pool, options: PoolDriverOptions): Driver => {
  const appRole = options.appRole === undefined ? APP_ROLE : options.appRole
  // Which role each pooled session currently runs as; a session is switched only when its use changes.
  const roleOf = new WeakMap<pg.PoolClient, "app" | "owner">()
  // Errors of idle sessions (e.g. the server restarted) must not crash the process; the pool drops them.
  pool.on("error", () => {})

  const connect = async (connectOptions?: { readonly owner?: boolean }): Promise<Connection> => {
    const client = await pool.connect()
    let broken = false
    // A session that dies while checked out emits "error" outside any query: keep it from crashing the
    // process, remember it, and let the next query fail ("not queryable").
    const onError = () => {
      broken = true
    }
    client.on("error", onError)
    const release = (releaseOptions?: { readonly broken?: boolean }) => {
      client.off("error", onError)
      const discard = broken || releaseOptions?.broken === true
      client.release(discard ? new Error("discarded session") : undefined)
    }
    try {
      const wanted = connectOptions?.owner === true || appRole === null ? "owner" : "app"
      // A new session's role is not assumed: PGlite keeps one session across replaced connections.
      if (roleOf.get(client) !== wanted) {
        await client.query(wanted === "app" ? `SET ROLE ${quoteIdent(appRole!)}` : "RESET ROLE")
        roleOf.set(client, wanted)
      }
    } catch (error) {
      release({ broken: true })
      throw error
    }
    return {
      query: async <Row>(sql: string, params?: ReadonlyArray<unknown>) => {
        const result = await client.query(sql, params as Array<unknown> | undefined)
        return { rows: result.rows as ReadonlyArray<Row>, rowCount: result.rowCount ?? 0 }
      },
      release
    }
  }

  return {
    kind: options.kind,
    connect,
    close: async () => {
      await pool.end()
      await options.onClose?.()
    }
  }
}
