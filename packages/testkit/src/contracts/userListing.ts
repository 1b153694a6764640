import { assert } from "@effect/vitest"
import {
  compareUsers,
  type Department,
  DepartmentRepository,
  type Email,
  encodeCursor,
  type Group,
  GroupRepository,
  matches,
  type RoleName,
  sortKey,
  type User,
  type UserKind,
  type UserListQuery,
  UserRepository,
  type UserSort,
  type UserStatus
} from "@gatehouse/domain"
import { Effect } from "effect"
import fc from "fast-check"
import * as arbitraries from "../arbitraries.ts"
import { aDepartment, aGroup, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, idsOf, storeProperty, walkPages } from "./support.ts"

// Small pools force ties on every sort key (so the id tie-break and keyset cursors over equal keys are
// exercised), mixed casing checks the case-insensitive order, and non-ASCII checks lower-casing beyond ASCII.
const names = [
  "Ada",
  "ada",
  "ADA",
  "Émile",
  "émile",
  "Zoë",
  "Łukasz",
  "Søren",
  "Ярослав",
  "李",
  "O'Brien",
  "Jean-Luc"
]
const displayNames = ["The Boss", "ÉQUIPE Ωmega", "zoë", "ada l"]
const domains = ["example.com", "example.org", "b.co"]
const instants = [0, 1, 2, 3, 4].map((d) => new Date(Date.UTC(2026, 0, 1 + d, 12, 0, 0, d)))

const emailOf = (local: string, domain: string) => `${local}@${domain}`.toLowerCase() as Email

const GROUPS = 3
const DEPARTMENTS = 2

interface UserSpec {
  readonly fields: arbitraries.UserFields
  readonly groupSlots: ReadonlyArray<number>
  readonly departmentSlot: number | null
}

const userSpec: fc.Arbitrary<UserSpec> = fc.record({
  fields: arbitraries.userFields({
    preset: "wetrack",
    fields: {
      firstName: fc.constantFrom(...names),
      lastName: fc.constantFrom(...names),
      displayName: fc.option(fc.constantFrom(...displayNames), { nil: null }),
      email: fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), fc.constantFrom(...domains))
        .map(([local, domain]) => emailOf(local, domain)),
      createdAt: fc.constantFrom(...instants),
      updatedAt: fc.constantFrom(...instants),
      lastLoginAt: fc.option(fc.constantFrom(...instants), { nil: null, freq: 3 })
    }
  }),
  groupSlots: fc.subarray([0, 1, 2]),
  departmentSlot: fc.option(fc.integer({ min: 0, max: DEPARTMENTS - 1 }), { nil: null })
})

interface FilterSpec {
  readonly q?: { readonly user: number; readonly field: "first" | "full" | "display" | "email" } | string
  readonly status?: UserStatus
  readonly kind?: UserKind
  readonly role?: RoleName
  readonly groupSlot?: number
  readonly departmentSlot?: number
  readonly idSlots?: ReadonlyArray<number>
}

// Each filter but q is absent three times in four, so most runs list a sizeable set over several pages.
const sometimes = <A>(arbitrary: fc.Arbitrary<A>, weight = 1): fc.Arbitrary<A | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight, arbitrary })

const filterSpec: fc.Arbitrary<FilterSpec> = fc
  .record({
    q: sometimes(
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc.record({
            user: fc.nat(30),
            field: fc.constantFrom("first" as const, "full" as const, "display" as const, "email" as const)
          })
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom("a", "ÉMI", "zo", "  ada ", "@", ".co", "nobody-matches-this")
        }
      ),
      3
    ),
    status: sometimes(arbitraries.userStatus),
    kind: sometimes(fc.constantFrom<UserKind>("employee", "external")),
    role: sometimes(arbitraries.roleName("wetrack")),
    groupSlot: sometimes(fc.integer({ min: 0, max: GROUPS - 1 })),
    departmentSlot: sometimes(fc.integer({ min: 0, max: DEPARTMENTS - 1 })),
    idSlots: sometimes(fc.array(fc.nat(30), { maxLength: 12 }))
  })
  .map((spec) => Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as FilterSpec)

/** A substring of a user's searchable text, cut at random and re-cased at random. */
const needleFrom = (user: User, field: "first" | "full" | "display" | "email", seed: number): string => {
  const text =
    field === "first"
      ? user.firstName
      : field === "full"
        ? `${user.firstName} ${user.lastName}`
        : field === "display"
          ? (user.displayName ?? user.lastName)
          : user.email
  // One to six characters: long enough, often, to match one field of one user only.
  const start = seed % text.length
  const end = Math.min(text.length, start + 1 + (Math.floor(seed / 7) % 6))
  // Flip the case of the characters at the seed's set bits.
  return Array.from(text.slice(start, end), (c, i) =>
    (seed >> (i % 30)) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c
  ).join("")
}

const toQuery = (
  filter: FilterSpec,
  users: ReadonlyArray<User>,
  groups: ReadonlyArray<Group>,
  departments: ReadonlyArray<Department>,
  seed: number
): Omit<UserListQuery, "sort" | "limit" | "cursor"> => {
  const pick = <A>(slot: number, rows: ReadonlyArray<A>) => rows[slot % Math.max(1, rows.length)]
  const q =
    filter.q === undefined || typeof filter.q === "string"
      ? filter.q
      : users.length === 0
        ? "x"
        : needleFrom(pick(filter.q.user, users)!, filter.q.field, seed)
  return {
    ...(q === undefined ? {} : { q }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.kind === undefined ? {} : { kind: filter.kind }),
    ...(filter.role === undefined ? {} : { role: filter.role }),
    ...(filter.groupSlot === undefined ? {} : { groupId: groups[filter.groupSlot]!.id }),
    ...(filter.departmentSlot === undefined ? {} : { departmentId: departments[filter.departmentSlot]!.id }),
    ...(filter.idSlots === undefined ? {} : { ids: filter.idSlots.flatMap((s) => pick(s, users)?.id ?? []) })
  }
}

const sorts: ReadonlyArray<UserSort> = ["name", "email", "created", "lastLogin"]

interface Scenario {
  readonly specs: ReadonlyArray<UserSpec>
  readonly filter: FilterSpec
  readonly limit: number
  readonly seed: number
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  specs: fc.uniqueArray(userSpec, { selector: (s) => s.fields.email, minLength: 1, maxLength: 25 }),
  filter: filterSpec,
  limit: fc.integer({ min: 1, max: 7 }),
  seed: fc.nat()
})

// Users whose "first last" order tells a code-point order (PostgreSQL's COLLATE "C", UTF-8 bytes) from
// `localeCompare` (which puts "Émile" next to "emu" and skips punctuation) and from UTF-16 code units (which put
// "𝔄ngle", outside the Basic Multilingual Plane, before "ｚebra"); equal keys ("Alpha One", "alpha one", "ALPHA
// ONE") are ordered by id. Their emails (ASCII: the schema's rule) differ only where byte order and a locale's
// disagree (punctuation).
const NAMED: ReadonlyArray<readonly [first: string, last: string, local: string]> = [
  ["beta", "Zed", "a_b"],
  ["Émile", "Zola", "ab"],
  ["Alpha", "One", "a.b"],
  ["Жук", "Ива", "zed"],
  ["alpha", "one", "a~b"],
  ["𝔄ngle", "Bee", "a-b"],
  ["ẞtraße", "Ok", "a+b"],
  ["ALPHA", "ONE", "a0b"],
  ["ｚebra", "Cee", "a{b"],
  ["Zulu", "Dee", "a.b.c"],
  ["ангел", "Эра", "a-c"],
  ["Alpha", "One 2", "aa"],
  ["émile", "zola", "b"],
  ["Æther", "Eve", "a"],
  ["Alpha-One", "X", "a.a"]
]
const NAME_ORDER = [
  "alpha one",
  "alpha one",
  "alpha one",
  "alpha one 2",
  "alpha-one x",
  "beta zed",
  "zulu dee",
  "ßtraße ok",
  "æther eve",
  "émile zola",
  "émile zola",
  "ангел эра",
  "жук ива",
  "ｚebra cee",
  "𝔄ngle bee"
]
const EMAIL_ORDER = [
  "a+b",
  "a-b",
  "a-c",
  "a.a",
  "a.b.c",
  "a.b",
  "a0b",
  "a",
  "a_b",
  "aa",
  "ab",
  "a{b",
  "a~b",
  "b",
  "zed"
]

/** Stores one scenario in a fresh tenant and checks every sort's full walk against the domain's rules. */
const checkScenario = ({ specs, filter, limit, seed }: Scenario) =>
  Effect.gen(function* () {
    const repository = yield* UserRepository
    const { tenant } = yield* freshTenant({ preset: "wetrack" })
    const groups: Array<Group> = []
    for (let i = 0; i < GROUPS; i++)
      groups.push(yield* (yield* GroupRepository).insert(aGroup({ tenantId: tenant.id })))
    const departments: Array<Department> = []
    for (let i = 0; i < DEPARTMENTS; i++)
      departments.push(yield* (yield* DepartmentRepository).insert(aDepartment({ tenantId: tenant.id })))
    const users: Array<User> = []
    for (const spec of specs) {
      const user = aUser({
        ...spec.fields,
        tenantId: tenant.id,
        groupIds: spec.groupSlots.map((slot) => groups[slot]!.id),
        departmentId: spec.departmentSlot === null ? null : departments[spec.departmentSlot]!.id
      })
      users.push(yield* repository.insert(user))
    }
    const query = toQuery(filter, users, groups, departments, seed)
    for (const sort of sorts) {
      const expected = users.filter((u) => matches(u, { ...query, sort, limit })).sort(compareUsers(sort))
      const walked = yield* walkPages(limit, (cursor) =>
        repository.list(tenant.id, { ...query, sort, limit, ...(cursor === undefined ? {} : { cursor }) })
      )
      assert.deepStrictEqual(
        idsOf(walked.rows),
        idsOf(expected),
        `sort ${sort}, query ${JSON.stringify(query)}`
      )
      assert.strictEqual(walked.total, expected.length, `total for sort ${sort}`)
    }
  })

/**
 * The listing guarantee as a property: for random users and filters, walking every page of every sort yields
 * exactly the users `matches` accepts, in the order of `compareUsers`, with `total` on every page.
 */
export const userListingTests = (it: ContractIt): void => {
  storeProperty(
    it,
    "list: every sort walks the filtered set in compareUsers order, no repeats or skips (property)",
    scenario,
    checkScenario,
    {
      numRuns: 25,
      timeout: 120_000
    }
  )

  it.effect(
    "list: the domain's one order of text keys (lower-cased name, email: by code point, then id), over pages",
    () =>
      Effect.gen(function* () {
        const repository = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const stored: Array<User> = []
        for (const [firstName, lastName, local] of NAMED)
          stored.push(
            yield* repository.insert(
              aUser({
                tenantId: tenant.id,
                firstName,
                lastName,
                email: emailOf(local, "example.com")
              })
            )
          )
        for (const [sort, order] of [
          ["name", NAME_ORDER],
          ["email", EMAIL_ORDER.map((local) => `${local}@example.com`)]
        ] as const) {
          // Every page size: the cursors carry non-ASCII keys (and one beyond the BMP) back to the store.
          for (const limit of [1, 2, 3, 5, 14, 200]) {
            const walked = yield* walkPages(limit, (cursor) =>
              repository.list(tenant.id, { sort, limit, ...(cursor === undefined ? {} : { cursor }) })
            )
            assert.deepStrictEqual(
              walked.rows.map((u) => sortKey(u, sort)),
              order,
              `sort ${sort}, limit ${limit}`
            )
            // The domain's order, the same keys, ties by id: what the store served, row for row.
            const expected = [...stored].sort(compareUsers(sort))
            assert.deepStrictEqual(
              expected.map((u) => sortKey(u, sort)),
              order
            )
            assert.deepStrictEqual(idsOf(walked.rows), idsOf(expected), `sort ${sort}, limit ${limit}`)
            assert.strictEqual(walked.total, NAMED.length)
          }
        }
      })
  )

  it.effect("list with no filter and a large limit returns everything on one page", () =>
    Effect.gen(function* () {
      const repository = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const stored: Array<User> = []
      for (let i = 0; i < 5; i++) stored.push(yield* repository.insert(aUser({ tenantId: tenant.id })))
      const page = yield* repository.list(tenant.id, { sort: "name", limit: 200 })
      assert.deepStrictEqual(idsOf(page.items), idsOf([...stored].sort(compareUsers("name"))))
      assert.strictEqual(page.total, 5)
      assert.isNull(page.nextCursor)
    })
  )

  it.effect("a page past the last user is empty and still carries the filter's total", () =>
    Effect.gen(function* () {
      const repository = yield* UserRepository
      const { tenant } = yield* freshTenant()
      for (let i = 0; i < 3; i++) yield* repository.insert(aUser({ tenantId: tenant.id, status: "active" }))
      yield* repository.insert(aUser({ tenantId: tenant.id, status: "disabled" }))
      // unfiltered and by status (totals from the stores' counters), and a search (a count of the matches)
      for (const filter of [{}, { status: "active" as const }, { q: "example" }]) {
        const all = yield* repository.list(tenant.id, { sort: "name", limit: 200, ...filter })
        const last = all.items.at(-1)!
        const cursor = encodeCursor({ key: sortKey(last, "name"), id: last.id })
        const past = yield* repository.list(tenant.id, { sort: "name", limit: 2, cursor, ...filter })
        assert.deepStrictEqual(
          past,
          { items: [], total: all.total, nextCursor: null },
          JSON.stringify(filter)
        )
        assert.isAbove(all.total, 2, JSON.stringify(filter))
      }
    })
  )

  it.effect("kind lists employees or external users only, alone or with a status, and totals them", () =>
    Effect.gen(function* () {
      const repository = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const add = (overrides: Partial<User>) =>
        repository.insert(aUser({ ...overrides, tenantId: tenant.id }))
      const employee = yield* add({})
      const external = yield* add({ kind: "external" })
      const disabledExternal = yield* add({ kind: "external", status: "disabled", awaitingSetup: true })
      yield* repository.insert(aUser({ tenantId: other.id, kind: "external" }))
      const listed = (query: Partial<UserListQuery>) =>
        Effect.map(repository.list(tenant.id, { sort: "created", limit: 1, ...query }), (page) => page.total)
      const ids = (query: Partial<UserListQuery>) =>
        Effect.map(repository.list(tenant.id, { sort: "email", limit: 50, ...query }), (page) =>
          [...idsOf(page.items)].sort()
        )
      assert.deepStrictEqual(yield* ids({ kind: "employee" }), [employee.id])
      assert.deepStrictEqual(yield* ids({ kind: "external" }), [external.id, disabledExternal.id].sort())
      assert.deepStrictEqual(yield* ids({ kind: "external", status: "disabled" }), [disabledExternal.id])
      assert.strictEqual(yield* listed({ kind: "external" }), 2)
      assert.strictEqual(yield* listed({ kind: "external", status: "active" }), 1)
      assert.strictEqual(yield* listed({ kind: "employee", status: "disabled" }), 0)
    })
  )

  it.effect(
    "the totals of status, role and kind filters follow inserts, changes of status, role and kind, and deletes",
    () =>
      Effect.gen(function* () {
        const repository = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const statuses: ReadonlyArray<UserStatus> = ["active", "disabled", "pending"]
        const batch = Array.from({ length: 12 }, (_, i) =>
          aUser({
            tenantId: tenant.id,
            role: (i % 3 === 0 ? "Admin" : "Regular") as RoleName,
            kind: i % 4 === 0 ? "external" : "employee",
            status: statuses[i % 3] as UserStatus
          })
        )
        yield* repository.insertMany(batch)
        const stored = new Map(batch.map((user) => [user.id, user]))
        const filters: ReadonlyArray<Omit<UserListQuery, "sort" | "limit">> = [
          {},
          { role: "Admin" as RoleName },
          { role: "Regular" as RoleName, status: "active" },
          { kind: "external" },
          { kind: "employee", role: "Admin" as RoleName },
          { status: "disabled" },
          { status: "disabled", role: "Regular" as RoleName, kind: "employee" }
        ]
        const totalsMatch = (when: string) =>
          Effect.gen(function* () {
            for (const filter of filters) {
              const page = yield* repository.list(tenant.id, { ...filter, sort: "name", limit: 1 })
              const expected = [...stored.values()].filter(
                (user) =>
                  (filter.status === undefined || user.status === filter.status) &&
                  (filter.role === undefined || user.role === filter.role) &&
                  (filter.kind === undefined || user.kind === filter.kind)
              ).length
              assert.strictEqual(page.total, expected, `${when}: ${JSON.stringify(filter)}`)
            }
          })
        yield* totalsMatch("after the inserts")
        const change = (user: User, patch: Partial<User>) =>
          Effect.gen(function* () {
            const updated = yield* repository.update({ ...user, ...patch }, user.version).pipe(Effect.orDie)
            stored.set(updated.id, updated)
          })
        const [a, b, c, d] = batch as [User, User, User, User]
        yield* change(a, { role: "Regular" as RoleName, kind: "employee", status: "disabled" })
        yield* change(b, { role: "Admin" as RoleName })
        yield* change(c, { kind: "external" })
        yield* change(d, { status: "active", firstName: "Renamed" })
        yield* totalsMatch("after the changes")
        yield* repository.delete(tenant.id, b.id).pipe(Effect.orDie)
        stored.delete(b.id)
        yield* totalsMatch("after a delete")
      })
  )

  it.effect("q matches first name, last name, 'first last', display name and email, ignoring case", () =>
    Effect.gen(function* () {
      const repository = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const add = (overrides: Partial<User>) =>
        repository.insert(aUser({ ...overrides, tenantId: tenant.id }))
      const first = yield* add({ firstName: "Émilie", lastName: "Zola" })
      const last = yield* add({ firstName: "Ann", lastName: "Ångström" })
      const display = yield* add({ firstName: "Bo", lastName: "Li", displayName: "Chief Wizard" })
      const email = yield* add({ email: `wizardry-${tenant.slug}@example.com` as Email })
      yield* add({ firstName: "Nobody", lastName: "Else" })
      const search = (q: string) =>
        Effect.map(repository.list(tenant.id, { q, sort: "email", limit: 50 }), (page) =>
          [...idsOf(page.items)].sort()
        )
      const ids = (...users: ReadonlyArray<User>) => [...idsOf(users)].sort()
      assert.deepStrictEqual(yield* search("éMIL"), ids(first))
      assert.deepStrictEqual(yield* search("ÅNGSTR"), ids(last))
      assert.deepStrictEqual(yield* search("lie zo"), ids(first))
      assert.deepStrictEqual(yield* search("WIZARD"), ids(display, email))
      assert.deepStrictEqual(yield* search("chief"), ids(display))
      assert.deepStrictEqual(yield* search(`WIZARDRY-${tenant.slug.toUpperCase()}@`), ids(email))
    })
  )
}
