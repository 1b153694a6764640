/**
 * CPU of turning 50 user rows (the users list page) into domain objects, per page, in microseconds: the former
 * cast mapper (kept here as the baseline), `toUser` as the request path runs it (the row Schema's compiled
 * shape check, then the renaming), and the full Schema transformation (`GATEHOUSE_ROW_CHECKS=full`, the tests'
 * mode). Rounds alternate the methods; medians of the rounds. Not part of `npm test`.
 *
 *   node --experimental-transform-types --conditions=@gatehouse/source bench/rowDecoding.ts [rounds]
 *
 * (`node` of the repository: node_modules/.bin/node.)
 */
import type { TenantId, User } from "@gatehouse/domain"
import { spreadUser, uuid7 } from "../../../bench/src/userSpread.ts"
import { toUser, type UserRow } from "../src/repositories/rows.ts"

const rounds = Number(process.argv[2] ?? 7)

/** The mapper rows.ts had before its Schemas: the row cast to the domain object. */
const castUser = (row: UserRow): User =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    phone: row.phone,
    language: row.language,
    adminNotes: row.admin_notes,
    role: row.role,
    modulePermissions: row.module_permissions,
    departmentId: row.department_id,
    groupIds: row.group_ids,
    status: row.status,
    kind: row.kind,
    awaitingSetup: row.awaiting_setup,
    emailVerified: row.email_verified,
    phoneVerified: row.phone_verified,
    mustChangePassword: row.must_change_password,
    requireTotp: row.require_totp,
    totpEnabled: row.totp_enabled,
    passwordHash: row.password_hash,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version
  }) as User

// The seeded users, with some of every optional column filled (phone, language, notes, permissions, groups).
const tenant = uuid7(Date.now()) as TenantId
const rows: ReadonlyArray<UserRow> = Array.from({ length: 50 }, (_, i) => {
  const u = spreadUser(tenant, i + 1)
  return {
    tenant_id: u.tenantId,
    id: u.id,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    display_name: u.displayName,
    phone: i % 3 === 0 ? "+14155550123" : null,
    language: i % 4 === 0 ? "en-US" : null,
    admin_notes: i % 7 === 0 ? "Prefers email." : null,
    role: u.role,
    module_permissions: i % 2 === 0 ? ["module:orders", "module:reports"] : [],
    department_id: i % 5 === 0 ? uuid7(1) : null,
    status: u.status,
    email_verified: u.emailVerified,
    phone_verified: false,
    must_change_password: false,
    require_totp: false,
    totp_enabled: false,
    password_hash: i % 2 === 0 ? "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo" : null,
    last_login_at: u.lastLoginAt,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
    version: u.version,
    kind: u.kind,
    awaiting_setup: u.awaitingSetup,
    group_ids: i % 3 === 0 ? [] : [uuid7(2), uuid7(3)]
  }
})

const methods: ReadonlyArray<readonly [string, (row: UserRow) => User, number]> = [
  ["cast (before)", castUser, 20_000],
  ["toUser: compiled shape check (after)", toUser.checked, 20_000],
  ["full Schema transformation (tests)", toUser.decodeFully, 500]
]

let sink: unknown
const perPage = (map: (row: UserRow) => User, pages: number): number => {
  const started = performance.now()
  for (let i = 0; i < pages; i++) sink = rows.map(map)
  return ((performance.now() - started) * 1000) / pages
}
for (const [, map, pages] of methods) perPage(map, pages) // warm-up

const samples = methods.map((): Array<number> => [])
for (let round = 0; round < rounds; round++)
  methods.forEach(([, map, pages], i) => {
    samples[i]!.push(perPage(map, pages))
  })
const median = (xs: Array<number>) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
methods.forEach(([name], i) => {
  const xs = samples[i]!
  console.log(
    `${name}: ${median(xs).toFixed(1)} us per 50 rows (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`
  )
})
if (sink === undefined) throw new Error("nothing mapped")
