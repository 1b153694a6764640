import {
  AesGcmSecretBox,
  Argon2PasswordHasher,
  CommonPasswords,
  NodeSha256
} from "@gatehouse/adapters-crypto"
import {
  emailVerificationMessage,
  type InvalidSmtpUrl,
  invitationMessage,
  passwordResetMessage
} from "@gatehouse/adapters-email"
import type { GatehouseServices } from "@gatehouse/adapters-http"
import * as Outbound from "@gatehouse/adapters-outbound"
import { type Database, layerPg, layerPglite, type Repositories } from "@gatehouse/adapters-postgres"
import * as Shopify from "@gatehouse/adapters-shopify"
import {
  EmailVerificationEmailTemplate,
  InvitationEmailTemplate,
  PasswordResetEmailTemplate,
  PublicUrl,
  SecretBox,
  SecureRandom,
  type StoreUnavailable
} from "@gatehouse/domain"
import { Layer, Redacted } from "effect"
import * as HttpCredentialsVerifier from "./adapters/httpCredentialsVerifier.ts"
import type { Config } from "./config.ts"
import { dataPaths, type StartLog } from "./dataDir.ts"
import { layerMailer } from "./mailer.ts"
import { layerMembershipSweeper } from "./memberships/sweeper.ts"
import { layerDispatcher } from "./webhooks/layer.ts"

/** Every service of the running server: the domain's ports, and the Database for readiness and bootstrap. */
export type ServerServices = GatehouseServices | Database

/**
 * The store: a PostgreSQL server with `DATABASE_URL`, else PGlite in the data folder; migrated when built. It
 * provides every repository port, `WebhookDeduplication` included (the `webhook_claims` table: nodes on one
 * database share it).
 */
export const layerStore = (config: Config): Layer.Layer<Repositories | Database, StoreUnavailable> =>
  config.databaseUrl === undefined
    ? layerPglite({ dataDir: dataPaths(config.dataDir).pglite })
    : layerPg({ connectionString: Redacted.value(config.databaseUrl) })

/**
 * The whole composition (the only one: nothing else in the project composes production layers). Building it
 * opens and migrates the store; disposing it closes the pool (and PGlite).
 */
export const layerServer = (
  config: Config,
  keyRing: AesGcmSecretBox.KeyRing,
  log: StartLog
): Layer.Layer<ServerServices, StoreUnavailable | InvalidSmtpUrl> => {
  // Every call to a URL a tenant configured (PIMS verify URL, Shopify endpoint, webhooks) goes through it.
  const outbound = Outbound.layer({ allow: config.outboundAllow })
  const services = Layer.mergeAll(
    layerStore(config),
    Argon2PasswordHasher.layer(),
    Layer.succeed(SecretBox, AesGcmSecretBox.make(keyRing)),
    CommonPasswords.layer,
    // token hashes with node:crypto: Web Crypto's digest is a thread-pool job per call (~13% of GET /v1/me)
    NodeSha256.layer,
    SecureRandom.layer,
    layerMailer(config, log),
    Layer.mergeAll(HttpCredentialsVerifier.layer(), Shopify.layer()).pipe(Layer.provideMerge(outbound)),
    Layer.succeed(PublicUrl, config.publicUrl),
    // Invitation emails in each preset's words (plain text and HTML).
    Layer.succeed(InvitationEmailTemplate, invitationMessage),
    // Password reset and email verification emails, in the same words per preset.
    Layer.succeed(PasswordResetEmailTemplate, passwordResetMessage),
    Layer.succeed(EmailVerificationEmailTemplate, emailVerificationMessage)
  )
  // The webhook dispatcher and the membership sweeper run on top of every service, so disposing the runtime
  // stops them (the dispatcher's claims released) before the store closes.
  return Layer.mergeAll(
    layerDispatcher(config.webhooks),
    layerMembershipSweeper(config.membershipSweepMillis)
  ).pipe(Layer.provideMerge(services))
}
