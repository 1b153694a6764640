import {
  type ActorDirectory,
  type AuditLog,
  type DepartmentRepository,
  type ExternalCredentialRepository,
  type FailedAttempts,
  type GroupRepository,
  type InvitationRepository,
  type MembershipExpiries,
  type MembershipRepository,
  type OneTimeTokenRepository,
  type OrganizationRepository,
  type Outbox,
  type RoleRepository,
  type SessionRepository,
  type ShopifySettingsRepository,
  StoreUnavailable,
  type TenantOverview,
  type TenantRepository,
  type TotpRepository,
  type Transactor,
  type UserRepository,
  type WebhookDeduplication,
  type WebhookRepository
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database, makeDatabase } from "./Database.ts"
import type { Driver } from "./driver/Driver.ts"
import { makePgDriver, type PgDriverConfig } from "./driver/pg.ts"
import { makePgliteDriver, type PgliteDriverConfig } from "./driver/pglite.ts"
import { migrate } from "./migrate.ts"
import * as ActorDirectoryPg from "./repositories/ActorDirectory.ts"
import * as AuditLogPg from "./repositories/AuditLog.ts"
import * as DepartmentRepositoryPg from "./repositories/DepartmentRepository.ts"
import * as ExternalCredentialRepositoryPg from "./repositories/ExternalCredentialRepository.ts"
import * as FailedAttemptsPg from "./repositories/FailedAttempts.ts"
import * as GroupRepositoryPg from "./repositories/GroupRepository.ts"
import * as InvitationRepositoryPg from "./repositories/InvitationRepository.ts"
import * as MembershipExpiriesPg from "./repositories/MembershipExpiries.ts"
import * as MembershipRepositoryPg from "./repositories/MembershipRepository.ts"
import * as OneTimeTokenRepositoryPg from "./repositories/OneTimeTokenRepository.ts"
import * as OrganizationRepositoryPg from "./repositories/OrganizationRepository.ts"
import * as OutboxPg from "./repositories/Outbox.ts"
import * as RoleRepositoryPg from "./repositories/RoleRepository.ts"
import * as SessionRepositoryPg from "./repositories/SessionRepository.ts"
import * as ShopifySettingsRepositoryPg from "./repositories/ShopifySettingsRepository.ts"
import * as TenantOverviewPg from "./repositories/TenantOverview.ts"
import * as TenantRepositoryPg from "./repositories/TenantRepository.ts"
import * as TotpRepositoryPg from "./repositories/TotpRepository.ts"
import * as TransactorPg from "./repositories/Transactor.ts"
import * as UserRepositoryPg from "./repositories/UserRepository.ts"
import * as WebhookDeduplicationPg from "./repositories/WebhookDeduplication.ts"
import * as WebhookRepositoryPg from "./repositories/WebhookRepository.ts"

/** Every port this adapter implements. */
export type Repositories =
  | ActorDirectory
  | TenantRepository
  | RoleRepository
  | UserRepository
  | OrganizationRepository
  | MembershipRepository
  | GroupRepository
  | DepartmentRepository
  | AuditLog
  | Transactor
  | SessionRepository
  | InvitationRepository
  | TotpRepository
  | FailedAttempts
  | ExternalCredentialRepository
  | ShopifySettingsRepository
  | WebhookDeduplication
  | TenantOverview
  | OneTimeTokenRepository
  | Outbox
  | WebhookRepository
  | MembershipExpiries

/** The repositories and the Transactor on a Database. */
export const layerRepositories: Layer.Layer<Repositories, never, Database> = Layer.mergeAll(
  ActorDirectoryPg.layer,
  TenantRepositoryPg.layer,
  RoleRepositoryPg.layer,
  UserRepositoryPg.layer,
  OrganizationRepositoryPg.layer,
  MembershipRepositoryPg.layer,
  GroupRepositoryPg.layer,
  DepartmentRepositoryPg.layer,
  AuditLogPg.layer,
  TransactorPg.layer,
  SessionRepositoryPg.layer,
  InvitationRepositoryPg.layer,
  TotpRepositoryPg.layer,
  FailedAttemptsPg.layer,
  ExternalCredentialRepositoryPg.layer,
  ShopifySettingsRepositoryPg.layer,
  WebhookDeduplicationPg.layer,
  TenantOverviewPg.layer,
  OneTimeTokenRepositoryPg.layer,
  OutboxPg.layer,
  WebhookRepositoryPg.layer,
  MembershipExpiriesPg.layer
)

export interface LayerOptions {
  /** Bring the schema up to date when the layer is built (default true; safe with several servers). */
  readonly migrate?: boolean | undefined
}

/** A Database on a driver that lives as long as the layer; migrated first unless told otherwise. */
export const layerDatabase = (
  open: () => Promise<Driver>,
  options: LayerOptions = {}
): Layer.Layer<Database, StoreUnavailable> =>
  Layer.effect(
    Database,
    Effect.gen(function* () {
      const driver = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: open,
          catch: (error) => new StoreUnavailable({ message: `Cannot open the database: ${String(error)}` })
        }),
        (driver) => Effect.promise(() => driver.close().catch(() => undefined))
      )
      if (options.migrate !== false) yield* migrate(driver)
      return makeDatabase(driver)
    })
  )

/** Every port on a PostgreSQL server (`pg` Pool), plus the Database for adapter-only paths (`insertMany`). */
export const layerPg = (
  config: PgDriverConfig & LayerOptions
): Layer.Layer<Repositories | Database, StoreUnavailable> =>
  layerRepositories.pipe(
    Layer.provideMerge(layerDatabase(() => Promise.resolve(makePgDriver(config)), config))
  )

/** Every port on PGlite: embedded, persisted to `dataDir`, or in memory without one (tests). */
export const layerPglite = (
  config: PgliteDriverConfig & LayerOptions = {}
): Layer.Layer<Repositories | Database, StoreUnavailable> =>
  layerRepositories.pipe(Layer.provideMerge(layerDatabase(() => makePgliteDriver(config), config)))
