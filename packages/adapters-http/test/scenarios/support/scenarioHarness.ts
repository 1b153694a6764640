import { AesGcmSecretBox, Argon2PasswordHasher, CommonPasswords } from "@gatehouse/adapters-crypto"
import { gatehouse, gatehouseFrameworkErrors } from "@gatehouse/adapters-http"
import { layerPg, layerPglite, makePgDriver } from "@gatehouse/adapters-postgres"
import { type MailMessage, PublicUrl, SecureRandom } from "@gatehouse/domain"
import { MemoryStore, memory, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import Fastify, { type FastifyInstance } from "fastify"
import { layerShopifyForTests, PLATFORM_TOKEN } from "../../support/harness.ts"
import { type MovableClock, makeMovableClock } from "./clock.ts"

/** The admin connection of a PostgreSQL server (CI sets it); without it the scenarios run on PGlite. */
export const DATABASE_URL: string | undefined = process.env.DATABASE_URL

/** Which store a scenario runs on, for its title and the report. */
export const STORE: "pglite" | "server" = DATABASE_URL === undefined ? "pglite" : "server"

/** The programmable `ExternalCredentialsVerifier` (the PIMS login check), as the testkit's fake offers it. */
type VerifierControl = typeof memory.CredentialsVerifier.FakeCredentialsVerifier.Service

export interface ScenarioHarnessOptions {
  /**
   * `argon2` (the production argon2id adapter, the default) or `fake` (the testkit's salted SHA-256, for
   * suites that hash often).
   */
  readonly hasher?: "argon2" | "fake"
  /** Settings the app's runtime gets besides the defaults (e.g. `RecoveryLimitSettings`). */
  readonly settings?: Layer.Layer<never>
}

/** An HTTP app over the production adapters on PostgreSQL, with the doubles a scenario steers. */
export interface ScenarioHarness {
  readonly app: FastifyInstance
  readonly store: "pglite" | "server"
  readonly hasher: "argon2" | "fake"
  /** The domain's wall clock (the app's runtime reads time from it): move it forward between steps. */
  readonly clock: MovableClock
  /** Every email sent so far, oldest first. */
  readonly outbox: () => Promise<ReadonlyArray<MailMessage>>
  /** Programs the credentials verifier's answer and reads what it was asked. */
  readonly verifier: {
    readonly answer: (answer: memory.CredentialsVerifier.VerifierAnswer) => Promise<void>
    readonly received: () => Promise<ReadonlyArray<memory.CredentialsVerifier.ReceivedCheck>>
  }
  readonly close: () => Promise<void>
}

/**
 * Creates `gatehouse_test_<random>` on the server at `DATABASE_URL` and answers its URL and how to drop it.
 * Through the adapter's own driver as the connecting user (no role switch): `CREATE DATABASE` cannot run as
 * the application role, nor inside a transaction.
 */
const createDatabase = async (
  adminUrl: string
): Promise<{ readonly url: string; readonly drop: () => Promise<void> }> => {
  const name = `gatehouse_test_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  const asAdmin = async (sql: string) => {
    const driver = makePgDriver({ connectionString: adminUrl, maxConnections: 1, appRole: null })
    try {
      const connection = await driver.connect({ owner: true })
      try {
        await connection.query(sql)
      } finally {
        connection.release()
      }
    } finally {
      await driver.close()
    }
  }
  await asAdmin(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/**
 * The v1 plugin as apps/server composes it, on PostgreSQL: an in-memory PGlite by default, or a FRESH database
 * on the server when `DATABASE_URL` is set (created here, dropped by `close`). Production argon2id (or the
 * fake hasher when asked), AES-256-GCM with a fresh key, the common-passwords blocklist and the CSPRNG. The
 * doubles are what leaves the process: the mailer (an outbox), the credentials verifier (programmable), Shopify
 * (the real adapter, pointed by each tenant's `endpoint` at the fake server), and the wall clock (movable).
 * Build one per test file.
 */
export const makeScenarioHarness = async (options: ScenarioHarnessOptions = {}): Promise<ScenarioHarness> => {
  const hasher = options.hasher ?? "argon2"
  const database = DATABASE_URL === undefined ? undefined : await createDatabase(DATABASE_URL)
  const clock = makeMovableClock()
  const keyRing = `${AesGcmSecretBox.DEFAULT_KEY_ID}:${Redacted.value(AesGcmSecretBox.newKey())}`
  const storeLayer =
    database === undefined ? layerPglite() : layerPg({ connectionString: database.url, maxConnections: 5 })
  const services = Layer.mergeAll(
    storeLayer.pipe(Layer.orDie),
    hasher === "argon2" ? Argon2PasswordHasher.layer() : memory.PasswordHasher.layerFake,
    AesGcmSecretBox.layer(keyRing).pipe(Layer.orDie),
    CommonPasswords.layer,
    SecureRandom.layer,
    memory.Mailer.layerMemory.pipe(Layer.provideMerge(MemoryStore.layer)),
    memory.CredentialsVerifier.layer(),
    layerShopifyForTests(),
    clock.layer,
    Layer.succeed(PublicUrl, TEST_PUBLIC_URL),
    options.settings ?? Layer.empty
  )
  const runtime = ManagedRuntime.make(services)
  try {
    // Built now (the store opens and migrates), not inside the first step's request.
    await runtime.runPromise(Effect.void)
  } catch (error) {
    await runtime.dispose()
    await database?.drop()
    throw error
  }
  // SCENARIO_LOG=1 prints the server's errors (the cause of a 500 the problem body keeps to itself).
  const logger = process.env.SCENARIO_LOG === "1" ? { level: "error" } : false
  const app = Fastify({ logger, frameworkErrors: gatehouseFrameworkErrors })
  await app.register(gatehouse, {
    runtime,
    platformToken: Redacted.make(PLATFORM_TOKEN),
    rateLimit: false
  })
  await app.ready()
  const control = <A>(f: (verifier: VerifierControl) => Effect.Effect<A>) =>
    runtime.runPromise(Effect.flatMap(memory.CredentialsVerifier.FakeCredentialsVerifier, f))
  return {
    app,
    store: database === undefined ? "pglite" : "server",
    hasher,
    clock,
    outbox: () => runtime.runPromise(memory.Mailer.outbox),
    verifier: {
      answer: (answer) => control((verifier) => verifier.answer(answer)),
      received: () => control((verifier) => verifier.received)
    },
    close: async () => {
      try {
        await app.close()
        await runtime.dispose()
      } finally {
        await database?.drop()
      }
    }
  }
}
