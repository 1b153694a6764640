/**
 * The users the benchmarks seed: the one generator of bench/src (seed.ts, the 1M stage, row 4's baselines) and of
 * the adapter's listing bench (packages/adapters-postgres/bench/listing.ts imports this file by path, so it
 * imports types only). Deterministic in `i` except for the random part of the ids.
 */
import type { Email, RoleName, TenantId, User, UserId } from "@gatehouse/domain"

/** The first name about one user in 10,000 carries (every 9,973rd): the rare search term. */
export const RARE = "Quetzalcoatl"

const FIRST = [
  "Ada",
  "Alan",
  "Anna",
  "Bjarne",
  "Brian",
  "Carla",
  "Chen",
  "Dana",
  "Edsger",
  "Emma",
  "Grace",
  "Hedy"
]
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Liskov",
  "Knuth",
  "Ritchie",
  "Thompson",
  "Hamilton",
  "Dijkstra"
]

/** Seeded users are created one second apart from this instant. */
export const SEED_EPOCH = Date.UTC(2026, 0, 1)

/** A UUIDv7 as the domain makes them (`newUuid`): time-ordered, so primary-key inserts stay local. */
export const uuid7 = (millis: number): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  let time = millis
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256
    time = Math.floor(time / 256)
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const h = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * The i-th seeded user of a tenant: a pseudo-random spread of names (12 x 1,000 first names, 9 x 10,000 last
 * names, `RARE` for every 9,973rd), a unique email made of them, a display name for a fifth, every 50th an
 * Admin (the others Regular), every 10th disabled (the others active), a third never logged in, created one
 * second apart. No password, email verified.
 */
export const spreadUser = (tenantId: TenantId, i: number): User => {
  const first = i % 9_973 === 0 ? RARE : `${FIRST[i % FIRST.length]}${(i * 7919) % 1000}`
  const last = `${LAST[(i * 31) % LAST.length]}${(i * 104_729) % 10_000}`
  const created = new Date(SEED_EPOCH + i * 1000)
  return {
    id: uuid7(created.getTime()) as UserId,
    tenantId,
    email: `${first}.${last}.${i}@example.com`.toLowerCase() as Email,
    firstName: first,
    lastName: last,
    displayName: i % 5 === 0 ? `${first} ${last[0]}.` : null,
    phone: null,
    language: null,
    adminNotes: null,
    role: (i % 50 === 0 ? "Admin" : "Regular") as RoleName,
    modulePermissions: [],
    departmentId: null,
    groupIds: [],
    status: i % 10 === 0 ? "disabled" : "active",
    kind: "employee",
    awaitingSetup: false,
    emailVerified: true,
    phoneVerified: false,
    mustChangePassword: false,
    requireTotp: false,
    totpEnabled: false,
    passwordHash: null,
    lastLoginAt: i % 3 === 0 ? null : new Date(SEED_EPOCH + ((i * 15_485_863) % 10_000_000) * 1000),
    createdAt: created,
    updatedAt: created,
    version: 1
  }
}
