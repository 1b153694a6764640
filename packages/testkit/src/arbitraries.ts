import {
  type DepartmentId,
  type Email,
  type GroupId,
  type Language,
  MODULE_PERMISSIONS,
  PhoneNumber,
  type PresetName,
  presets,
  type RoleName,
  type RoleScope,
  type TenantId,
  type User,
  type UserStatus
} from "@gatehouse/domain"
import { Arbitrary, Effect, type Schema } from "effect"
import fc from "fast-check"
import { aUser } from "./builders.ts"

/**
 * fast-check arbitraries for Gatehouse values. Each produces values the domain Schemas accept (a test in
 * test/arbitraries.test.ts decodes them); ids are never generated here: builders draw fresh UUIDs, so
 * repeated runs against one shared store cannot collide.
 */

/**
 * A fast-check arbitrary from a Schema's decoded type, through effect's own `Arbitrary.schema` (effect 4
 * derives arbitraries for its own property runner, not for fast-check): fast-check draws a seed and effect
 * generates the value from it. Deterministic per seed; shrinking only tries other seeds.
 */
export const fromSchema = <S extends Schema.Constraint>(
  schema: S,
  options: { readonly size?: number } = {}
): fc.Arbitrary<S["Type"]> => {
  const derived = Arbitrary.schema(schema)
  return fc
    .noShrink(fc.integer({ min: 0, max: 0x7fffffff }))
    .map(
      (seed) =>
        Effect.runSync(Arbitrary.sampleEffect(derived, { count: 1, seed, size: options.size ?? 10 }))[0]
    )
}

const lower = "abcdefghijklmnopqrstuvwxyz"
const digits = "0123456789"
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(""))

/** A normalised (trimmed, lower-case) address of the conservative shape `Email` accepts. */
export const email: fc.Arbitrary<Email> = fc
  .record({
    local: fc.array(fc.string({ unit: chars(lower + digits), minLength: 1, maxLength: 8 }), {
      minLength: 1,
      maxLength: 3
    }),
    plus: fc.option(fc.string({ unit: chars(lower + digits), minLength: 1, maxLength: 5 }), {
      nil: undefined
    }),
    labels: fc.array(fc.string({ unit: chars(lower + digits), minLength: 1, maxLength: 10 }), {
      minLength: 1,
      maxLength: 3
    }),
    tld: fc.string({ unit: chars(lower), minLength: 2, maxLength: 6 })
  })
  .map(
    ({ local, plus, labels, tld }) =>
      `${local.join(".")}${plus === undefined ? "" : `+${plus}`}@${labels.join(".")}.${tld}` as Email
  )

// What String.prototype.trim (and so the Email transformation) strips: ASCII and Unicode spaces.
const whitespace = fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\ufeff") })

/** One spelling of `address` as a person might type it: random casing and surrounding whitespace. */
export const emailSpelling = (address: Email): fc.Arbitrary<string> =>
  fc
    .tuple(whitespace, fc.mixedCase(fc.constant(address)), whitespace)
    .map(([before, body, after]) => `${before}${body}${after}`)

/**
 * A normalised address and several spellings of it (random casing and whitespace), for the property that
 * casing can never create a second account.
 */
export const emailWithSpellings = (
  options: { readonly minSpellings?: number; readonly maxSpellings?: number } = {}
): fc.Arbitrary<{ readonly email: Email; readonly spellings: ReadonlyArray<string> }> =>
  email.chain((address) =>
    fc
      .array(emailSpelling(address), {
        minLength: options.minSpellings ?? 2,
        maxLength: options.maxSpellings ?? 6
      })
      .map((spellings) => ({ email: address, spellings }))
  )

/** An E.164 phone number, derived from the `PhoneNumber` Schema's pattern. */
export const phone: fc.Arbitrary<PhoneNumber> = fromSchema(PhoneNumber)

const languages = ["en", "de", "fr", "es", "pt", "it", "nl", "pl", "sv", "zh", "ja", "ko", "ar", "sr", "uk"]
const scripts = ["Latn", "Cyrl", "Hans", "Hant", "Arab"]
const regions = ["US", "GB", "DE", "FR", "BR", "PT", "CN", "TW", "RS", "UA", "CH", "419"]

/** A canonical BCP 47 tag: a language with an optional script and region ("en", "pt-BR", "zh-Hant-TW"). */
export const language: fc.Arbitrary<Language> = fc
  .tuple(
    fc.constantFrom(...languages),
    fc.option(fc.constantFrom(...scripts), { nil: undefined }),
    fc.option(fc.constantFrom(...regions), { nil: undefined })
  )
  .map(
    ([lang, script, region]) =>
      Intl.getCanonicalLocales([lang, script, region].filter((p) => p !== undefined).join("-"))[0] as Language
  )

// Letters from several scripts, all in the BMP below the surrogate range: there UTF-16 code-unit order (JS
// string comparison) and code-point order (a SQL "C" collation) agree.
const letter = fc.oneof(
  { weight: 4, arbitrary: chars(lower + lower.toUpperCase()) },
  { weight: 2, arbitrary: chars("àáâäãåæçèéêëìíîïñòóôöøùúûüýÿÀÁÂÄÅÆÇÈÉÊËÎÏÑÖØÜßĆČĐŁŃŒŚŠŸŹŻŽğışİ") },
  { weight: 1, arbitrary: chars("αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΘΛΠΣΦΨΩ") },
  { weight: 1, arbitrary: chars("абвгдеёжзийклмнопрстуфхцчшщыэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ") },
  { weight: 1, arbitrary: chars("王李张刘陈杨黄赵吴周徐孙马朱胡林郭何高罗") },
  { weight: 1, arbitrary: chars("김이박최정강조윤장임") }
)
const word = fc.string({ unit: letter, minLength: 1, maxLength: 12 })

/** A person's first or last name: trimmed, 1 to 100 characters, often non-ASCII, sometimes two words. */
export const personName: fc.Arbitrary<string> = fc
  .tuple(word, fc.option(fc.tuple(fc.constantFrom(" ", "-", "'"), word), { nil: undefined }))
  .map(([first, rest]) => (rest === undefined ? first : `${first}${rest[0]}${rest[1]}`))

/** A role name of a preset's catalogue, of one scope (tenant roles by default). */
export const roleName = (preset: PresetName, scope: RoleScope = "tenant"): fc.Arbitrary<RoleName> =>
  fc.constantFrom(...presets[preset].roles.filter((r) => r.scope === scope).map((r) => r.name as RoleName))

/**
 * A password as typed: any Unicode (astral planes, combining marks, spaces at either end), never trimmed.
 * At most `maxCodePoints` code points (PlainPassword accepts 1024).
 */
export const password = (options: { readonly maxCodePoints?: number } = {}): fc.Arbitrary<string> => {
  const maxLength = options.maxCodePoints ?? 64
  return fc.oneof(
    fc.string({ unit: "binary", minLength: 1, maxLength }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: Math.max(1, Math.floor(maxLength / 4)) }),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength })
  )
}

export const userStatus: fc.Arbitrary<UserStatus> = fc.constantFrom(
  "pending",
  "active",
  "disabled",
  "deactivated"
)

/** An instant with millisecond precision in a range every store keeps exactly (2000 to 2099). */
export const instant: fc.Arbitrary<Date> = fc.date({
  min: new Date("2000-01-01T00:00:00.000Z"),
  max: new Date("2099-12-31T23:59:59.999Z"),
  noInvalidDate: true
})

/** The fields of a user that a generator chooses (the id and the tenant come from the builder). */
export type UserFields = Omit<User, "id" | "tenantId">

export interface UserOptions {
  /** The preset whose tenant roles users get (default weevio). */
  readonly preset?: PresetName
  /** Existing groups and departments of the tenant a user may belong to. */
  readonly groupIds?: ReadonlyArray<GroupId>
  readonly departmentIds?: ReadonlyArray<DepartmentId>
  /** Replace the generator of any field, e.g. a small pool of names to force ties in a sort. */
  readonly fields?: { readonly [K in keyof UserFields]?: fc.Arbitrary<UserFields[K]> }
}

/** Arbitrary user fields; every user a store may hold is reachable (statuses, nulls, non-ASCII names). */
export const userFields = (options: UserOptions = {}): fc.Arbitrary<UserFields> => {
  const groupIds = [...(options.groupIds ?? [])]
  const departmentIds = [...(options.departmentIds ?? [])]
  const defaults: { readonly [K in keyof UserFields]: fc.Arbitrary<UserFields[K]> } = {
    email,
    firstName: personName,
    lastName: personName,
    displayName: fc.option(personName, { nil: null }),
    phone: fc.option(phone, { nil: null }),
    language: fc.option(language, { nil: null }),
    adminNotes: fc.option(fc.string({ maxLength: 200 }), { nil: null }),
    role: roleName(options.preset ?? "weevio"),
    modulePermissions: fc.subarray([...MODULE_PERMISSIONS]),
    departmentId:
      departmentIds.length === 0
        ? fc.constant(null)
        : fc.option(fc.constantFrom(...departmentIds), { nil: null }),
    groupIds: fc.subarray(groupIds),
    status: userStatus,
    kind: fc.constantFrom("employee", "external"),
    // reconciled with the status below: a pending user awaits setup, an active one does not
    awaitingSetup: fc.boolean(),
    emailVerified: fc.boolean(),
    phoneVerified: fc.boolean(),
    mustChangePassword: fc.boolean(),
    requireTotp: fc.boolean(),
    totpEnabled: fc.boolean(),
    passwordHash: fc.option(fc.constant("$fake-sha256$00$AAAA"), { nil: null }),
    lastLoginAt: fc.option(instant, { nil: null }),
    createdAt: instant,
    updatedAt: instant,
    version: fc.integer({ min: 1, max: 1000 })
  }
  return fc
    .record({ ...defaults, ...options.fields } as {
      [K in keyof UserFields]: fc.Arbitrary<UserFields[K]>
    })
    .map((fields) =>
      fields.status === "pending" || fields.status === "active"
        ? { ...fields, awaitingSetup: fields.status === "pending" }
        : fields
    )
}

/** An arbitrary user of `tenantId`, built with `aUser` (so with a fresh id). */
export const user = (tenantId: TenantId, options: UserOptions = {}): fc.Arbitrary<User> =>
  userFields(options).map((fields) => aUser({ ...fields, tenantId }))

/** Users of one tenant with distinct emails (the store's uniqueness), up to `maxLength`. */
export const users = (
  tenantId: TenantId,
  options: UserOptions & { readonly minLength?: number; readonly maxLength?: number } = {}
): fc.Arbitrary<ReadonlyArray<User>> =>
  fc.uniqueArray(user(tenantId, options), {
    selector: (u) => u.email,
    minLength: options.minLength ?? 0,
    maxLength: options.maxLength ?? 20
  })
