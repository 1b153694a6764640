/** The rows of one statement. */
export interface QueryResult<Row> {
  readonly rows: ReadonlyArray<Row>
  readonly rowCount: number
}

/** A statement and its parameters. */
export interface Statement {
  readonly sql: string
  readonly params?: ReadonlyArray<unknown> | undefined
}

/** One session of the store, held by one caller at a time (a transaction lives on exactly one). */
export interface Connection {
  readonly query: <Row = Record<string, unknown>>(
    sql: string,
    params?: ReadonlyArray<unknown>
  ) => Promise<QueryResult<Row>>
  /**
   * Runs statements in order and answers the rows of the statement at `answer` (default: the last one); fails
   * with the first failure. On a server the
   * statements travel in one write without waiting for each other's answers (pipelining: one round trip);
   * elsewhere they run one after another, stopping at the first failure. Pipelined statements after a
   * failed one still reach the server, so use it inside a transaction (where they fail as the transaction is
   * aborted) or for statements that are independent.
   */
  readonly pipeline: <Row = Record<string, unknown>>(
    statements: ReadonlyArray<Statement>,
    answer?: number
  ) => Promise<QueryResult<Row>>
  /** Hands the session back to the pool; a broken one (lost, or left in an unknown state) is discarded. */
  readonly release: (options?: { readonly broken?: boolean }) => void
}

/**
 * The small query interface both stores implement with the same SQL: a `pg` Pool on a PostgreSQL server, or
 * PGlite (PostgreSQL in WASM) in-process.
 */
export interface Driver {
  readonly kind: "pg" | "pglite"
  /**
   * A session for the application: it runs as the application role, which the row-level security policies
   * bind. `owner: true` gives a session with the privileges of the connecting user instead (migrations).
   */
  readonly connect: (options?: { readonly owner?: boolean }) => Promise<Connection>
  /**
   * Calls `onNotify` after each committed `NOTIFY` on `channel` by any session (on a server: of any process on
   * the database), and once when listening starts or resumes after a lost connection (a notification may have
   * been missed meanwhile). On a server it holds one dedicated connection outside the pool. Answers the stop.
   */
  readonly listen: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>
  /** Closes every session (and, for PGlite, the database). */
  readonly close: () => Promise<void>
}

/** The role the application runs as; created by the migrations, without BYPASSRLS. */
export const APP_ROLE = "gatehouse_app"
