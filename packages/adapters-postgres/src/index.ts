export { Database, makeDatabase, type OnUnique } from "./Database.ts"
export { APP_ROLE, type Connection, type Driver, type QueryResult } from "./driver/Driver.ts"
export { listenForOutbox } from "./driver/listen.ts"
export { makePgDriver, type PgDriverConfig } from "./driver/pg.ts"
export { makePgliteDriver, type PgliteDriverConfig } from "./driver/pglite.ts"
export { makePoolDriver, type PoolDriverOptions } from "./driver/pool.ts"
export {
  type LayerOptions,
  layerDatabase,
  layerPg,
  layerPglite,
  layerRepositories,
  type Repositories
} from "./layers.ts"
export { type MigrationReport, migrate } from "./migrate.ts"
export { type Migration, migrations } from "./migrations/index.ts"
export { OUTBOX_CHANNEL } from "./repositories/Outbox.ts"
export {
  layerWith as layerWebhookDeduplication,
  make as makeWebhookDeduplication,
  type WebhookDeduplicationOptions
} from "./repositories/WebhookDeduplication.ts"
export {
  ConnectionFailure,
  Deadlock,
  isSqlFailure,
  OtherSqlFailure,
  SerializationFailure,
  type SqlFailure,
  toSqlFailure,
  UniqueViolation
} from "./SqlFailure.ts"
