import { assert } from "@effect/vitest"
import {
  type ExternalCredential,
  ExternalCredentialRepository,
  type ExternalCredentialSettings,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import {
  type AuthContractIt,
  type AuthRepositories,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { race } from "./support.ts"

/** A sealed-looking credential of `user` for `system` (the store keeps whatever sealed text it is given). */
export const aCredential = (
  user: Pick<User, "tenantId" | "id">,
  overrides: Partial<ExternalCredential> = {}
): ExternalCredential => ({
  tenantId: user.tenantId,
  userId: user.id,
  system: "pims",
  username: `pims-${user.id.slice(0, 8)}`,
  sealedPassword: `v1.${globalThis.crypto.randomUUID()}`,
  status: "saved",
  updatedAt: minute(0),
  ...overrides
})

const someSettings = (
  tenantId: ExternalCredentialSettings["tenantId"],
  overrides: Partial<ExternalCredentialSettings> = {}
): ExternalCredentialSettings => ({
  tenantId,
  system: "pims",
  verifyUrl: "https://pims.example.com/verify",
  defaultCredentials: null,
  updatedAt: minute(0),
  ...overrides
})

/**
 * The ExternalCredentialRepository guarantees: one credential per (tenant, user, system) and one settings
 * row per (tenant, system), `put`/`putSettings` insert or replace whole rows atomically, deleting a user
 * removes their credentials, isolation by tenant.
 */
export const externalCredentialRepositoryTests = (it: AuthContractIt): void => {
  it.effect("put inserts, then replaces the whole row; find reads it back; delete removes it", () =>
    Effect.gen(function* () {
      const credentials = yield* ExternalCredentialRepository
      const { tenant, users } = yield* tenantWithUsers(1)
      const user = users[0]!
      assert.isTrue(Option.isNone(yield* credentials.find(tenant.id, user.id, "pims")))
      const first = aCredential(user)
      yield* credentials.put(first)
      assert.deepStrictEqual(yield* credentials.find(tenant.id, user.id, "pims"), Option.some(first))
      const replaced = aCredential(user, { username: "other", status: "connected", updatedAt: minute(5) })
      yield* credentials.put(replaced)
      assert.deepStrictEqual(yield* credentials.find(tenant.id, user.id, "pims"), Option.some(replaced))
      yield* credentials.delete(tenant.id, user.id, "pims")
      assert.isTrue(Option.isNone(yield* credentials.find(tenant.id, user.id, "pims")))
      // Deleting what is not there is no error.
      yield* credentials.delete(tenant.id, user.id, "pims")
    })
  )

  it.effect("one credential per (user, system): systems and users are independent rows", () =>
    Effect.gen(function* () {
      const credentials = yield* ExternalCredentialRepository
      const { tenant, users } = yield* tenantWithUsers(2)
      const [user, other] = users as [User, User]
      const pims = aCredential(user)
      const erp = aCredential(user, { system: "erp", username: "erp-user" })
      const othersPims = aCredential(other)
      for (const row of [pims, erp, othersPims]) yield* credentials.put(row)
      yield* credentials.delete(tenant.id, user.id, "erp")
      assert.deepStrictEqual(yield* credentials.find(tenant.id, user.id, "pims"), Option.some(pims))
      assert.isTrue(Option.isNone(yield* credentials.find(tenant.id, user.id, "erp")))
      assert.deepStrictEqual(yield* credentials.find(tenant.id, other.id, "pims"), Option.some(othersPims))
    })
  )

  it.effect("20 concurrent puts of one key leave exactly one of the written rows, whole", () =>
    Effect.gen(function* () {
      const credentials = yield* ExternalCredentialRepository
      const { tenant, users } = yield* tenantWithUsers(1)
      const user = users[0]!
      const rows = Array.from({ length: 20 }, (_, i) =>
        aCredential(user, {
          username: `user-${i}`,
          sealedPassword: `sealed-${i}`,
          status: i % 2 === 0 ? "saved" : "connected",
          updatedAt: minute(i)
        })
      )
      const { failures } = yield* race(20, (i) => credentials.put(rows[i]!))
      assert.strictEqual(failures.length, 0)
      const found = Option.getOrThrow(yield* credentials.find(tenant.id, user.id, "pims"))
      const written = rows.find((row) => row.username === found.username)
      assert.isDefined(written, `an unknown row: ${JSON.stringify(found)}`)
      // Never the username of one put with the password or status of another.
      assert.deepStrictEqual(found, written)
    })
  )

  it.effect("deleting the user removes their credentials", () =>
    Effect.gen(function* () {
      const credentials = yield* ExternalCredentialRepository
      const { tenant, users } = yield* tenantWithUsers(2)
      const [user, other] = users as [User, User]
      const kept = aCredential(other)
      for (const row of [aCredential(user), aCredential(user, { system: "erp" }), kept])
        yield* credentials.put(row)
      yield* (yield* UserRepository).delete(tenant.id, user.id)
      assert.isTrue(Option.isNone(yield* credentials.find(tenant.id, user.id, "pims")))
      assert.isTrue(Option.isNone(yield* credentials.find(tenant.id, user.id, "erp")))
      assert.deepStrictEqual(yield* credentials.find(tenant.id, other.id, "pims"), Option.some(kept))
    })
  )

  it.effect("putSettings inserts, then replaces the whole settings row of (tenant, system)", () =>
    Effect.gen(function* () {
      const credentials = yield* ExternalCredentialRepository
      const { tenant } = yield* tenantWithUsers(0)
      assert.isTrue(Option.isNone(yield* credentials.findSettings(tenant.id, "pims")))
      const first = someSettings(tenant.id, {
        defaultCredentials: { username: "shared", sealedPassword: "sealed-shared" }
      })
      yield* credentials.putSettings(first)
      assert.deepStrictEqual(yield* credentials.findSettings(tenant.id, "pims"), Option.some(first))
      const replaced = someSettings(tenant.id, { verifyUrl: null, updatedAt: minute(1) })
      yield* credentials.putSettings(replaced)
      assert.deepStrictEqual(yield* credentials.findSettings(tenant.id, "pims"), Option.some(replaced))
      const erp = someSettings(tenant.id, { system: "erp" })
      yield* credentials.putSettings(erp)
      assert.deepStrictEqual(yield* credentials.findSettings(tenant.id, "erp"), Option.some(erp))
      assert.deepStrictEqual(yield* credentials.findSettings(tenant.id, "pims"), Option.some(replaced))
    })
  )

  it.effect("another tenant's credentials and settings are never read nor deleted", () =>
    Effect.gen(function* () {
      const credentials = yield* ExternalCredentialRepository
      const theirs = yield* tenantWithUsers(1)
      const mine = yield* tenantWithUsers(1)
      const credential = aCredential(theirs.users[0]!)
      const settings = someSettings(theirs.tenant.id)
      yield* credentials.put(credential)
      yield* credentials.putSettings(settings)
      const stranger = mine.tenant.id
      assert.isTrue(Option.isNone(yield* credentials.find(stranger, credential.userId, "pims")))
      assert.isTrue(Option.isNone(yield* credentials.findSettings(stranger, "pims")))
      yield* credentials.delete(stranger, credential.userId, "pims")
      assert.deepStrictEqual(
        yield* credentials.find(theirs.tenant.id, credential.userId, "pims"),
        Option.some(credential)
      )
      // The same system's settings of two tenants are two rows.
      const own = someSettings(stranger, { verifyUrl: null })
      yield* credentials.putSettings(own)
      assert.deepStrictEqual(yield* credentials.findSettings(theirs.tenant.id, "pims"), Option.some(settings))
      assert.deepStrictEqual(yield* credentials.findSettings(stranger, "pims"), Option.some(own))
    })
  )
}

/** Runs the ExternalCredentialRepository contract against one implementation (built once for the suite). */
export const externalCredentialRepositoryContract = (
  name: string,
  layer: Layer.Layer<AuthRepositories, unknown>
): void =>
  registerAuthContract(
    `ExternalCredentialRepository contract (${name})`,
    layer,
    externalCredentialRepositoryTests
  )
