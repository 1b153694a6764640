import { createHash } from "node:crypto"
import type pg from "pg"
import { APP_ROLE, type Connection, type Driver, type QueryResult, type Statement } from "./Driver.ts"

export interface PoolDriverOptions {
  readonly kind: Driver["kind"]
  /**
   * The role sessions switch to (`SET ROLE`) so that row-level security applies even when the connecting
   * user owns the tables or is a superuser (default `gatehouse_app`, created by the migrations). `null`: no
   * switch; then connect as a role the policies bind (not the owner, no BYPASSRLS), e.g. a login role that
   * is a member of `gatehouse_app`, and migrate with the owner's credentials.
   */
  readonly appRole?: string | null | undefined
  /**
   * Whether the pool's clients run in `pg`'s pipeline mode (`new pg.Pool({ pipeline: true })`): then
   * `Connection.pipeline` sends its statements in one write. Default false (one statement at a time).
   */
  readonly pipelined?: boolean | undefined
  /** `Driver.listen` of this store; absent: a driver that cannot listen (its listen fails). */
  readonly listen?: Driver["listen"] | undefined
  /** Runs after the pool has ended (e.g. closing PGlite). */
  readonly onClose?: (() => Promise<void>) | undefined
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** The socket under a `pg` client (not in its types): corked, the messages of several queries go in one write. */
interface Corkable {
  readonly connection?: { readonly stream?: { cork?: () => void; uncork?: () => void } }
}

/**
 * A statement with parameters runs as a named prepared statement, its name derived from its text: PostgreSQL
 * parses and plans it once per session instead of on every execution (planning was most of the server's CPU
 * on small reads). Text without parameters (BEGIN, COMMIT, migrations) goes as a simple query.
 */
const names = new Map<string, string>()
const prepared = (sql: string, params: ReadonlyArray<unknown> | undefined): pg.QueryConfig | string => {
  if (params === undefined || params.length === 0) return sql
  let name = names.get(sql)
  if (name === undefined) {
    name = `gatehouse_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`
    names.set(sql, name)
  }
  return { name, text: sql, values: params as Array<unknown> }
}

const resultOf = <Row>(result: pg.QueryResult): QueryResult<Row> => ({
  rows: result.rows as ReadonlyArray<Row>,
  rowCount: result.rowCount ?? 0
})

/** Sends every statement before reading any answer; fails with the first failure once all have answered. */
const sendPipelined = async <Row>(
  client: pg.PoolClient,
  statements: ReadonlyArray<Statement>,
  answer: number
): Promise<QueryResult<Row>> => {
  const stream = (client as unknown as Corkable).connection?.stream
  stream?.cork?.()
  let sent: Array<Promise<pg.QueryResult>>
  try {
    sent = statements.map(({ sql, params }) => client.query(prepared(sql, params)))
  } finally {
    stream?.uncork?.()
  }
  const settled = await Promise.allSettled(sent)
  const failed = settled.find((outcome) => outcome.status === "rejected")
  if (failed !== undefined) throw failed.reason
  const answered = settled[answer]
  if (answered?.status !== "fulfilled") throw new Error("pipeline called without the statement to answer")
  return resultOf<Row>(answered.value)
}

const sendInTurn = async <Row>(
  client: pg.PoolClient,
  statements: ReadonlyArray<Statement>,
  answer: number
): Promise<QueryResult<Row>> => {
  const results: Array<pg.QueryResult> = []
  for (const { sql, params } of statements) results.push(await client.query(prepared(sql, params)))
  const answered = results[answer]
  if (answered === undefined) throw new Error("pipeline called without the statement to answer")
  return resultOf<Row>(answered)
}

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
      query: async <Row>(sql: string, params?: ReadonlyArray<unknown>) =>
        resultOf<Row>(await client.query(prepared(sql, params))),
      pipeline: <Row>(statements: ReadonlyArray<Statement>, answer = statements.length - 1) =>
        options.pipelined === true && statements.length > 1
          ? sendPipelined<Row>(client, statements, answer)
          : sendInTurn<Row>(client, statements, answer),
      release
    }
  }

  return {
    kind: options.kind,
    connect,
    listen: options.listen ?? (() => Promise.reject(new Error(`This ${options.kind} driver cannot LISTEN`))),
    close: async () => {
      await pool.end()
      await options.onClose?.()
    }
  }
}
