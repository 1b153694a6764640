/**
 * Better Auth for row 6, run as its own process by `startBetterAuth` (as Gatehouse is the only server of the
 * bench process): `betterAuth` with email and password and the organization plugin, its defaults otherwise
 * (scrypt hashing, its Kysely adapter on a `pg.Pool`), on the database given, schema made by its own
 * `getMigrations`. Seeds an organization of `members` members (the first its owner) that can all sign in with
 * `password`, serves `toNodeHandler` on 127.0.0.1 (random port) and prints one `BetterAuthReady` line (after `READY_PREFIX`).
 * Stops when its stdin closes (the parent exited or asked).
 */
import http from "node:http"
import { betterAuth } from "better-auth"
import { getMigrations } from "better-auth/db/migration"
import { toNodeHandler } from "better-auth/node"
import { organization } from "better-auth/plugins/organization"
import pg from "pg"
import { type BetterAuthReady, type BetterAuthSpec, READY_PREFIX } from "./spec.ts"

const spec = JSON.parse(process.argv[2] ?? "{}") as BetterAuthSpec
const pool = new pg.Pool({ connectionString: spec.databaseUrl })
// A connection dropped while the run's database is dropped must not take the process down before it exits.
pool.on("error", (error) => process.stderr.write(`[better-auth] pool: ${error.message}\n`))

let handle: http.RequestListener = (_request, response) => {
  response.writeHead(503).end()
}
const server = http.createServer((request, response) => handle(request, response))
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
const { port } = server.address() as { port: number }
const url = `http://127.0.0.1:${port}`

const options = {
  database: pool,
  secret: spec.secret,
  baseURL: url,
  emailAndPassword: { enabled: true },
  plugins: [organization()],
  // Off as Gatehouse's per-IP limit is off in the bench (every request comes from 127.0.0.1). Its default is
  // already off outside NODE_ENV=production; said explicitly so the figure does not depend on the environment.
  rateLimit: { enabled: false }
}
await (await getMigrations(options)).runMigrations()
const auth = betterAuth(options)

/** Members made by the internal adapter as sign-up makes them, sharing one hash (as the Gatehouse seed does). */
const seed = async () => {
  const context = await auth.$context
  const hash = await context.password.hash(spec.password)
  const emails: Array<string> = []
  const userIds: Array<string> = []
  for (let i = 0; i < spec.members; i++) {
    const email = `member-${i}@better-auth.example.com`
    const user = await context.internalAdapter.createUser(
      { email, name: `Member ${i}`, emailVerified: true },
      { method: "email-password" }
    )
    await context.internalAdapter.linkAccount({
      userId: user.id,
      providerId: "credential",
      accountId: user.id,
      password: hash
    })
    emails.push(email)
    userIds.push(user.id)
  }
  const created = await auth.api.createOrganization({
    body: { name: "Side by side", slug: "side-by-side", userId: userIds[0]! }
  })
  if (created === null) throw new Error("createOrganization answered nothing")
  for (const userId of userIds.slice(1)) {
    await auth.api.addMember({ body: { userId, role: "member", organizationId: created.id } })
  }
  return { organizationId: created.id, emails }
}

const seeded = await seed()
handle = toNodeHandler(auth)

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  server.closeAllConnections()
  server.close(() => {
    pool.end().finally(() => process.exit(0))
  })
}
process.stdin.on("end", stop)
process.stdin.on("close", stop)
process.stdin.resume()
process.on("SIGTERM", stop)

const ready: BetterAuthReady = { url, ...seeded }
process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`)
