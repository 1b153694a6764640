/**
 * Row 4: `POST /v1/users/import` of N invite-only users into a fresh tenant, against two baselines of the same
 * rows into fresh tenants of the same database: a raw `COPY users (...) FROM STDIN` by the table owner on a
 * plain `pg.Client` (no RLS, no ON CONFLICT, no RETURNING: what PostgreSQL itself takes to store the rows and
 * maintain the indexes), and the adapter's `UserRepository.insertMany` (the statement the import ends with,
 * without HTTP, validation, invitations or audit).
 */
import { performance } from "node:perf_hooks"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import {
  type Email,
  type RoleName,
  type TenantId,
  type User,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import type { BenchServer } from "./gatehouse.ts"
import { login, seedTenant } from "./seed.ts"
import { spreadUser, uuid7 } from "./userSpread.ts"

/** The i-th row of an import: the seeded spread's names and email, role Regular. */
const profile = (i: number) => {
  const user = spreadUser("" as TenantId, i)
  return { email: user.email as string, firstName: user.firstName, lastName: user.lastName, role: "Regular" }
}

/** What the import stores for `profile(i)` (domain `importedUser`): pending, no password, created `at`. */
const importedUser = (tenantId: TenantId, i: number, at: Date): User => {
  const row = profile(i)
  return {
    ...spreadUser(tenantId, i),
    id: uuid7(at.getTime()) as UserId,
    email: row.email as Email,
    displayName: null,
    role: row.role as RoleName,
    status: "pending",
    emailVerified: false,
    lastLoginAt: null,
    createdAt: at,
    updatedAt: at
  }
}

/** Seconds taken by `run`. */
const timed = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await run()
  return (performance.now() - started) / 1000
}

/** Rows per second of `POST /v1/users/import` of `rows` rows (JSON, one request, mode all) into tenant `slug`. */
export const importOverHttp = async (server: BenchServer, slug: string, rows: number): Promise<number> => {
  await seedTenant(server, slug)
  const token = await login(server.url, slug, `admin@${slug}.example.com`)
  const body = JSON.stringify({ rows: Array.from({ length: rows }, (_, i) => profile(i)) })
  let answer = ""
  const seconds = await timed(async () => {
    const response = await fetch(`${server.url}/v1/users/import`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body
    })
    answer = await response.text()
    if (!response.ok) throw new Error(`import answered ${response.status}: ${answer.slice(0, 500)}`)
  })
  const created = (JSON.parse(answer) as { created?: unknown }).created
  if (typeof created === "number" && created !== rows)
    throw new Error(`import created ${created} of ${rows} rows`)
  return rows / seconds
}

/** The columns `insertMany` writes (packages/adapters-postgres/src/repositories/bulkInsert.ts), in its order. */
const COLUMNS = [
  "tenant_id",
  "id",
  "email",
  "first_name",
  "last_name",
  "display_name",
  "phone",
  "language",
  "admin_notes",
  "role",
  "module_permissions",
  "department_id",
  "status",
  "email_verified",
  "phone_verified",
  "must_change_password",
  "require_totp",
  "totp_enabled",
  "password_hash",
  "last_login_at",
  "created_at",
  "updated_at",
  "version",
  "name_key",
  "display_key",
  "kind",
  "awaiting_setup"
]

// COPY's text format: tab-separated, \N for NULL, backslash escapes.
const text = (value: string | null): string =>
  value === null
    ? "\\N"
    : value.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r")
const flag = (value: boolean) => (value ? "t" : "f")
const instant = (value: Date | null) => (value === null ? "\\N" : value.toISOString())

/** One COPY line of `user`, keys computed as the adapter does (`userKeys`: lower-cased "first last", display). */
const copyLine = (user: User): string =>
  [
    user.tenantId,
    user.id,
    text(user.email),
    text(user.firstName),
    text(user.lastName),
    text(user.displayName),
    text(user.phone),
    text(user.language),
    text(user.adminNotes),
    text(user.role),
    text(`{${user.modulePermissions.map((p) => `"${p}"`).join(",")}}`),
    user.departmentId ?? "\\N",
    user.status,
    flag(user.emailVerified),
    flag(user.phoneVerified),
    flag(user.mustChangePassword),
    flag(user.requireTotp),
    flag(user.totpEnabled),
    text(user.passwordHash),
    instant(user.lastLoginAt),
    instant(user.createdAt),
    instant(user.updatedAt),
    String(user.version),
    text(`${user.firstName} ${user.lastName}`.toLowerCase()),
    text((user.displayName ?? "").toLowerCase()),
    user.kind,
    flag(user.awaitingSetup)
  ].join("\t")

/**
 * Rows per second of a raw `COPY users FROM STDIN` of the rows an import of `rows` stores, into a fresh tenant
 * `slug`, by the database owner on a plain `pg.Client` of `databaseUrl`. The COPY text is built before timing.
 */
export const copyBaseline = async (
  server: BenchServer,
  databaseUrl: string,
  slug: string,
  rows: number
): Promise<number> => {
  const tenant = await seedTenant(server, slug)
  const at = new Date()
  const chunks: Array<string> = []
  for (let start = 0; start < rows; start += 1_000) {
    const lines: Array<string> = []
    for (let i = start; i < Math.min(rows, start + 1_000); i++) {
      lines.push(copyLine(importedUser(tenant.id as TenantId, i, at)))
    }
    chunks.push(`${lines.join("\n")}\n`)
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  client.on("error", () => undefined)
  await client.connect()
  try {
    let copied = 0
    const seconds = await timed(async () => {
      const stream = client.query(copyFrom(`COPY users (${COLUMNS.join(", ")}) FROM STDIN`))
      await pipeline(Readable.from(chunks), stream)
      copied = stream.rowCount
    })
    if (copied !== rows) throw new Error(`COPY stored ${copied} of ${rows} rows`)
    return rows / seconds
  } finally {
    await client.end()
  }
}

/** Rows per second of one `UserRepository.insertMany` of the same rows into a fresh tenant `slug`. */
export const insertManyBaseline = async (
  server: BenchServer,
  slug: string,
  rows: number
): Promise<number> => {
  const tenant = await seedTenant(server, slug)
  const at = new Date()
  const users = Array.from({ length: rows }, (_, i) => importedUser(tenant.id as TenantId, i, at))
  return (
    rows /
    (await timed(() =>
      server.runtime.runPromise(UserRepository.use((repository) => repository.insertMany(users)))
    ))
  )
}
