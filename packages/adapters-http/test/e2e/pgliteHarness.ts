import { AesGcmSecretBox, Argon2PasswordHasher, CommonPasswords } from "@gatehouse/adapters-crypto"
import { gatehouse } from "@gatehouse/adapters-http"
import { layerPglite } from "@gatehouse/adapters-postgres"
import { type MailMessage, PublicUrl, SecureRandom } from "@gatehouse/domain"
import { MemoryStore, memory, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import Fastify from "fastify"
import { type Harness, layerShopifyForTests, PLATFORM_TOKEN } from "../support/harness.ts"

/** A harness whose store is PostgreSQL (PGlite, in memory), with the outbox of the mailer to read links from. */
export interface PgliteHarness extends Harness {
  /** Every email sent so far, oldest first. */
  readonly outbox: () => Promise<ReadonlyArray<MailMessage>>
}

/**
 * The plugin over the production adapters where they exist, composed as apps/server composes them: the
 * PostgreSQL store on an in-memory PGlite (migrated when built), argon2id, AES-256-GCM with a fresh key, the
 * common-passwords blocklist and the CSPRNG. Only what leaves the process is a test double: the mailer (an
 * outbox to read setup links from), the external credentials verifier and Shopify (the adapter through the
 * real outbound port with 127.0.0.1 allowed). One PGlite per call: build one per test file.
 */
export const makePgliteHarness = async (): Promise<PgliteHarness> => {
  const keyRing = `${AesGcmSecretBox.DEFAULT_KEY_ID}:${Redacted.value(AesGcmSecretBox.newKey())}`
  const mailer = memory.Mailer.layerMemory.pipe(Layer.provideMerge(MemoryStore.layer))
  const services = Layer.mergeAll(
    layerPglite().pipe(Layer.orDie),
    Argon2PasswordHasher.layer(),
    AesGcmSecretBox.layer(keyRing).pipe(Layer.orDie),
    CommonPasswords.layer,
    SecureRandom.layer,
    mailer,
    memory.CredentialsVerifier.layerAnswering(),
    layerShopifyForTests(),
    Layer.succeed(PublicUrl, TEST_PUBLIC_URL)
  )
  const runtime = ManagedRuntime.make(services)
  // Built now (PGlite starts and migrates, several seconds), not inside the first test's request.
  await runtime.runPromise(Effect.void)
  const app = Fastify({ logger: false })
  await app.register(gatehouse, {
    runtime,
    platformToken: Redacted.make(PLATFORM_TOKEN),
    rateLimit: false
  })
  await app.ready()
  return {
    app,
    runtime,
    outbox: () => runtime.runPromise(memory.Mailer.outbox),
    close: async () => {
      await app.close()
      await runtime.dispose()
    }
  }
}
