/** Seeding a store and taking rows 1-3 (and the list-load memory of row 5) on it; used for both stores. */
import type { TenantId } from "@gatehouse/domain"
import type { BenchServer } from "./gatehouse.ts"
import { count, type Report } from "./report.ts"
import { peakRssDuring } from "./rss.ts"
import { getLoad, listUrls, loginLoad } from "./scenarios.ts"
import { login, seedLoginAccounts, seedTenant, seedUsers } from "./seed.ts"
import { repeat } from "./stats.ts"

/** A seeded tenant: its slug, id, login accounts, and an admin's and a user's token. */
export interface Seeded {
  readonly slug: string
  readonly tenantId: string
  readonly emails: ReadonlyArray<string>
  readonly adminToken: string
  readonly userToken: string
}

/**
 * Tenant `slug` with `users` seeded users (`concurrency` insertMany calls at a time) and, when `logins`,
 * accounts to log in with (as many as twice the connections, at least 20).
 */
export const seedStore = async (
  report: Report,
  server: BenchServer,
  slug: string,
  users: number,
  options: { readonly logins: boolean; readonly concurrency?: number }
): Promise<Seeded> => {
  const tenant = await seedTenant(server, slug)
  const started = Date.now()
  await seedUsers(server, tenant.id as TenantId, users, { concurrency: options.concurrency ?? 1 })
  const seconds = (Date.now() - started) / 1000
  report.log(
    `${slug}: seeded ${count(users)} users in ${seconds.toFixed(1)} s (${count(users / seconds)} rows/s)`
  )
  const emails = options.logins
    ? await seedLoginAccounts(server, tenant.id as TenantId, Math.max(20, report.settings.connections * 2))
    : []
  return {
    slug,
    tenantId: tenant.id,
    emails,
    adminToken: await login(server.url, slug, `admin@${slug}.example.com`),
    userToken: emails.length === 0 ? "" : await login(server.url, slug, emails[0]!)
  }
}

/**
 * Login, /v1/me, the list (with the serving process's peak RSS under that load) and the rare search on one
 * store, `BENCH_RUNS` times; `all` takes every figure whatever `BENCH_ONLY` says (row 7). A load that fails
 * leaves its figure out of that run.
 */
export const storeFigures = (
  report: Report,
  server: BenchServer,
  seeded: Seeded,
  label: string,
  all: boolean
) => {
  const { settings } = report
  const wanted = (row: string) => all || report.wanted(row)
  return repeat(settings.runs, async (run) => {
    report.log(`${label}: run ${run + 1}/${settings.runs}`)
    const figures: Record<string, number> = {}
    if (wanted("1") && seeded.emails.length > 0) {
      const result = await report.attempt(`${label} login`, () =>
        loginLoad(settings, server, seeded.slug, seeded.emails)
      )
      if (result !== undefined) figures.login = report.load(result).rps
    }
    if (wanted("2") && seeded.userToken !== "") {
      const me = await report.attempt(`${label} /v1/me`, () =>
        getLoad(settings, `${server.url}/v1/me`, seeded.userToken, "/v1/me")
      )
      if (me !== undefined) {
        figures.me = report.load(me).rps
        figures.meP99 = me.p99
      }
    }
    Object.assign(figures, await listFigures(report, server, seeded, label, wanted("3") || wanted("5")))
    return figures
  })
}

/** One list load (page 50 + total, with the server's peak RSS during it) and one rare-search load. */
export const listFigures = async (
  report: Report,
  server: BenchServer,
  seeded: Seeded,
  label: string,
  wanted = true
): Promise<Record<string, number>> => {
  const figures: Record<string, number> = {}
  if (!wanted) return figures
  const urls = listUrls(server)
  const list = await report.attempt(`${label} list`, () =>
    peakRssDuring(server.pid, getLoad(report.settings, urls.page, seeded.adminToken, `${label} list`))
  )
  if (list !== undefined) {
    figures.list = report.load(list.result).rps
    figures.listP99 = list.result.p99
    figures.rssUnderLoad = list.peakMb
  }
  const rare = await report.attempt(`${label} rare search`, () =>
    getLoad(report.settings, urls.rare, seeded.adminToken, `${label} rare search`)
  )
  if (rare !== undefined) figures.rareP99 = report.load(rare).p99
  return figures
}
