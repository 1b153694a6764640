/**
 * Row 6: Gatehouse side by side with Better Auth (a devDependency of this workspace only) on the same PostgreSQL
 * server. Better Auth runs with its defaults (scrypt, its Kysely adapter on a `pg.Pool`, the organization
 * plugin) in its own process and database (betterAuth/server.ts); Gatehouse is the bench's server, in a tenant
 * of its own. Both hold an organization of 100 members; each figure is taken for both in the same run, their
 * order alternating between runs.
 */
import { prepareGatehouseSide } from "./betterAuth/gatehouseSide.ts"
import { cookieGetLoad, createUserLoad, signInLoad, signUpLoad } from "./betterAuth/loads.ts"
import { signIn, startBetterAuth } from "./betterAuth/startBetterAuth.ts"
import type { BenchServer } from "./gatehouse.ts"
import type { LoadResult } from "./loadSpec.ts"
import { getLoad, loginLoad } from "./scenarios.ts"
import type { Settings } from "./settings.ts"
import { repeat, type Spread } from "./stats.ts"
import type { Row } from "./table.ts"

/** Members of each side's organization (Better Auth's default `membershipLimit`, its owner included). */
const MEMBERS = 100
const TARGET = "informational (ratio)"

/** Runs `gatehouse` then `betterAuth`, or the other way round on odd runs. */
const pair = async (
  run: number,
  gatehouse: () => Promise<LoadResult>,
  betterAuth: () => Promise<LoadResult>
) => {
  if (run % 2 === 0) {
    const first = await gatehouse()
    return { gatehouse: first, betterAuth: await betterAuth() }
  }
  const first = await betterAuth()
  return { gatehouse: await gatehouse(), betterAuth: first }
}

const versus = (
  metric: string,
  gatehouse: Spread,
  betterAuth: Spread,
  unit: string,
  target = TARGET,
  atLeast?: number
): Row => {
  const ratio = gatehouse.median / betterAuth.median
  return {
    metric: `6. ${metric} Gatehouse vs Better Auth`,
    gatehouse,
    unit,
    baseline: betterAuth,
    ratio,
    target,
    met: atLeast === undefined ? undefined : ratio >= atLeast
  }
}

/**
 * Sign-up, sign-in, session check (req/s and p99) and a page of 50 of 100 members, on Gatehouse (`server`, a
 * fresh tenant `side-by-side-<time>`) and on a Better Auth server started here and stopped before this returns.
 * Ratios are Gatehouse / Better Auth (Better Auth is the baseline column). `BENCH_RUNS` x 4 loads x 2 servers of
 * `BENCH_DURATION` s each.
 */
export const sideBySideRows = async (
  settings: Settings,
  server: BenchServer,
  log: (message: string) => void = (message) => process.stderr.write(`${message}\n`)
): Promise<Array<Row>> => {
  const gatehouse = await prepareGatehouseSide(server, `side-by-side-${Date.now()}`, MEMBERS)
  const betterAuth = await startBetterAuth(settings.adminUrl, MEMBERS)
  try {
    const owner = await signIn(betterAuth, betterAuth.emails[0]!)
    const member = await signIn(betterAuth, betterAuth.emails[1]!)
    // As many accounts as row 1 rotates over, on both sides.
    const accounts = Math.max(20, settings.connections * 2)
    const session = `${betterAuth.url}/api/auth/get-session`
    const members = `${betterAuth.url}/api/auth/organization/list-members?organizationId=${betterAuth.organizationId}&limit=50`
    const figures = await repeat(settings.runs, async (run) => {
      log(`Better Auth side by side: run ${run + 1}/${settings.runs}`)
      const signUp = await pair(
        run,
        () => createUserLoad(settings, server, gatehouse.adminToken),
        () => signUpLoad(settings, betterAuth)
      )
      const signInFigures = await pair(
        run,
        () => loginLoad(settings, server, gatehouse.slug, gatehouse.emails.slice(0, accounts)),
        () => signInLoad(settings, betterAuth, betterAuth.emails.slice(0, accounts))
      )
      const check = await pair(
        run,
        () => getLoad(settings, `${server.url}/v1/me`, gatehouse.userToken, "Gatehouse /v1/me"),
        () => cookieGetLoad(settings, session, member, "Better Auth get-session")
      )
      const list = await pair(
        run,
        () =>
          getLoad(
            settings,
            `${server.url}/v1/organizations/${gatehouse.organizationId}/members?limit=50`,
            gatehouse.orgAdminToken,
            "Gatehouse members"
          ),
        () => cookieGetLoad(settings, members, owner, "Better Auth list-members")
      )
      return {
        signUp: signUp.gatehouse.rps,
        signUpBa: signUp.betterAuth.rps,
        signIn: signInFigures.gatehouse.rps,
        signInBa: signInFigures.betterAuth.rps,
        check: check.gatehouse.rps,
        checkBa: check.betterAuth.rps,
        checkP99: check.gatehouse.p99,
        checkP99Ba: check.betterAuth.p99,
        list: list.gatehouse.rps,
        listBa: list.betterAuth.rps
      }
    })
    return [
      versus("sign-up (POST /v1/users with a password)", figures.signUp, figures.signUpBa, "req/s"),
      versus("sign-in (POST /v1/auth/login)", figures.signIn, figures.signInBa, "req/s"),
      versus(
        "session check (GET /v1/me vs get-session)",
        figures.check,
        figures.checkBa,
        "req/s",
        "ratio >= 2",
        2
      ),
      versus(
        "session check p99",
        figures.checkP99,
        figures.checkP99Ba,
        "ms",
        "informational (ratio: lower is better)"
      ),
      versus(`list 50 of ${MEMBERS} members`, figures.list, figures.listBa, "req/s", "ratio >= 2", 2)
    ]
  } finally {
    await betterAuth.stop()
  }
}
