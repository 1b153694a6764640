import { assert, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { Database, type Repositories } from "../../src/index.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

/**
 * Every SECURITY DEFINER function of the schema, with its volatility: the lookups that read outside the
 * row-level policies (migration 15), the trigram searches (migrations 2 and 20), the webhook dispatcher's claim
 * (migration 16) and the statistics refresh after a bulk insert (migration 18: ANALYZE needs the table's owner) and the session with its actor (migration 21, GET /v1/me). `plpgsql`, because PostgreSQL before 18 re-plans a `LANGUAGE sql` function's body on every
 * call (issue 17: 1.25-1.37 ms against 0.37 ms per session check); definer functions with a pinned search path
 * that only the application role may call. A new definer function must be added here.
 */
const DEFINERS: Readonly<Record<string, "s" | "v">> = {
  gatehouse_claim_deliveries: "v",
  gatehouse_due_membership_expiries: "s",
  gatehouse_invitation_by_id: "s",
  gatehouse_one_time_token_by_id: "s",
  gatehouse_refresh_user_statistics: "v",
  gatehouse_search_user_ids: "s",
  gatehouse_search_users: "s",
  gatehouse_session_actor: "s",
  gatehouse_session_by_id: "s",
  gatehouse_session_with_user: "s"
}
const LOOKUPS = Object.keys(DEFINERS)
/**
 * Settings besides the search path: the searches plan their statement with the pattern known on every call
 * (migration 20; a generic plan cannot tell a rare term from a common one).
 */
const SETTINGS: Readonly<Record<string, ReadonlyArray<string>>> = {
  gatehouse_search_user_ids: ["plan_cache_mode=force_custom_plan"],
  gatehouse_search_users: ["plan_cache_mode=force_custom_plan"]
}

interface FunctionRow {
  readonly name: string
  readonly language: string
  readonly definer: boolean
  readonly volatility: string
  readonly config: ReadonlyArray<string> | null
  readonly expectedSearchPath: string
  readonly app: boolean
  readonly everyone: boolean
}

const CATALOGUE = `
  SELECT p.proname AS name, l.lanname AS language, p.prosecdef AS definer, p.provolatile AS volatility,
    p.proconfig AS config,
    'search_path=' || quote_ident(current_schema()) || ', pg_catalog, pg_temp' AS "expectedSearchPath",
    has_function_privilege('gatehouse_app', p.oid, 'EXECUTE') AS app,
    (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0)) AS everyone
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
  WHERE p.pronamespace = current_schema()::regnamespace AND (p.prosecdef OR p.proname = ANY($1::text[]))
  ORDER BY p.proname`

/** Registered on PGlite and on the server. */
export const definerFunctionTests = (it: AdapterIt): void => {
  it.effect(
    "the definer functions (lookups, search, webhook claim, statistics refresh) are plpgsql, SECURITY DEFINER, search path pinned, callable by the app only",
    () =>
      Effect.gen(function* () {
        const db = yield* Database
        const rows = yield* Effect.promise(async () => {
          const connection = await db.driver.connect({ owner: true })
          try {
            return (await connection.query<FunctionRow>(CATALOGUE, [LOOKUPS])).rows
          } finally {
            connection.release()
          }
        })
        assert.deepStrictEqual(
          rows.map((row) => row.name),
          LOOKUPS,
          "each definer function exists once, and no other"
        )
        for (const row of rows) {
          assert.strictEqual(row.language, "plpgsql", `${row.name} is plpgsql`)
          assert.isTrue(row.definer, `${row.name} is SECURITY DEFINER`)
          assert.strictEqual(row.volatility, DEFINERS[row.name], `${row.name} keeps its volatility`)
          assert.deepStrictEqual(
            row.config,
            [row.expectedSearchPath, ...(SETTINGS[row.name] ?? [])],
            `${row.name} pins its search path (and its settings)`
          )
          assert.isTrue(row.app, `gatehouse_app may call ${row.name}`)
          assert.isFalse(row.everyone, `PUBLIC may not call ${row.name}`)
        }
      })
  )
}
