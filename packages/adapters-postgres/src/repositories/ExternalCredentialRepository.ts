import {
  type ExternalCredential,
  ExternalCredentialRepository,
  type ExternalCredentialSettings
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { firstRow } from "./rows.ts"

interface CredentialRow {
  readonly tenant_id: string
  readonly user_id: string
  readonly system: string
  readonly username: string
  readonly sealed_password: string
  readonly status: string
  readonly updated_at: Date
}

interface SettingsRow {
  readonly tenant_id: string
  readonly system: string
  readonly verify_url: string | null
  readonly default_username: string | null
  readonly default_sealed_password: string | null
  readonly updated_at: Date
}

const CREDENTIAL_COLUMNS = "tenant_id, user_id, system, username, sealed_password, status, updated_at"
const SETTINGS_COLUMNS =
  "tenant_id, system, verify_url, default_username, default_sealed_password, updated_at"

const toCredential = (row: CredentialRow): ExternalCredential =>
  ({
    tenantId: row.tenant_id,
    userId: row.user_id,
    system: row.system,
    username: row.username,
    sealedPassword: row.sealed_password,
    status: row.status,
    updatedAt: row.updated_at
  }) as ExternalCredential

const toSettings = (row: SettingsRow): ExternalCredentialSettings =>
  ({
    tenantId: row.tenant_id,
    system: row.system,
    verifyUrl: row.verify_url,
    defaultCredentials:
      row.default_username === null || row.default_sealed_password === null
        ? null
        : { username: row.default_username, sealedPassword: row.default_sealed_password },
    updatedAt: row.updated_at
  }) as ExternalCredentialSettings

/**
 * External credentials and their per-tenant settings on PostgreSQL. `put` and `putSettings` are one upsert
 * each, replacing the whole row; a user's credentials go with the user (the foreign key cascades).
 */
export const layer: Layer.Layer<ExternalCredentialRepository, never, Database> = Layer.effect(
  ExternalCredentialRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return ExternalCredentialRepository.of({
      put: (c) =>
        db
          .query(
            c.tenantId,
            `INSERT INTO external_credentials (${CREDENTIAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT ON CONSTRAINT external_credentials_pkey DO UPDATE SET username = EXCLUDED.username,
               sealed_password = EXCLUDED.sealed_password, status = EXCLUDED.status,
               updated_at = EXCLUDED.updated_at`,
            [c.tenantId, c.userId, c.system, c.username, c.sealedPassword, c.status, c.updatedAt]
          )
          .pipe(Effect.asVoid),
      find: (tenantId, userId, system) =>
        db
          .query<CredentialRow>(
            tenantId,
            `SELECT ${CREDENTIAL_COLUMNS} FROM external_credentials
                 WHERE tenant_id = $1 AND user_id = $2 AND system = $3`,
            [tenantId, userId, system]
          )
          .pipe(Effect.map(firstRow(toCredential))),
      delete: (tenantId, userId, system) =>
        db
          .query(
            tenantId,
            "DELETE FROM external_credentials WHERE tenant_id = $1 AND user_id = $2 AND system = $3",
            [tenantId, userId, system]
          )
          .pipe(Effect.asVoid),
      putSettings: (s) =>
        db
          .query(
            s.tenantId,
            `INSERT INTO external_credential_settings (${SETTINGS_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ON CONSTRAINT external_credential_settings_pkey DO UPDATE SET
               verify_url = EXCLUDED.verify_url, default_username = EXCLUDED.default_username,
               default_sealed_password = EXCLUDED.default_sealed_password, updated_at = EXCLUDED.updated_at`,
            [
              s.tenantId,
              s.system,
              s.verifyUrl,
              s.defaultCredentials?.username ?? null,
              s.defaultCredentials?.sealedPassword ?? null,
              s.updatedAt
            ]
          )
          .pipe(Effect.asVoid),
      findSettings: (tenantId, system) =>
        db
          .query<SettingsRow>(
            tenantId,
            `SELECT ${SETTINGS_COLUMNS} FROM external_credential_settings
                 WHERE tenant_id = $1 AND system = $2`,
            [tenantId, system]
          )
          .pipe(Effect.map(firstRow(toSettings)))
    })
  })
)
