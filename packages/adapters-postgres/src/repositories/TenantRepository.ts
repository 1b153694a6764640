import { SlugTaken, type Tenant, TenantNotFound, TenantRepository, VersionConflict } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { firstRow, TENANT_COLUMNS, type TenantRow, toTenant } from "./rows.ts"

const values = (tenant: Tenant) => [
  tenant.id,
  tenant.slug,
  tenant.name,
  tenant.preset,
  JSON.stringify(tenant.passwordPolicy),
  JSON.stringify(tenant.settings),
  tenant.createdAt,
  tenant.updatedAt
]

/** Tenants on PostgreSQL: a global table (no tenant policy); slugs unique by constraint. */
export const layer: Layer.Layer<TenantRepository, never, Database> = Layer.effect(
  TenantRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const currentVersion = (id: string) =>
      db
        .query<{ version: number }>(null, "SELECT version FROM tenants WHERE id = $1", [id])
        .pipe(Effect.map((rows) => rows[0]?.version))

    return TenantRepository.of({
      // ON CONFLICT on the slug constraint only: a concurrent insert of the slug waits for the winner and
      // then inserts nothing, without aborting the caller's transaction.
      insert: (tenant) =>
        db
          .query(
            null,
            `INSERT INTO tenants (${TENANT_COLUMNS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT ON CONSTRAINT tenants_slug_key DO NOTHING RETURNING id`,
            [...values(tenant), tenant.version]
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1 ? Effect.succeed(tenant) : Effect.fail(new SlugTaken({ slug: tenant.slug }))
            )
          ),
      findById: (id) =>
        db
          .plainRead<TenantRow>(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`, [id])
          .pipe(Effect.map(firstRow(toTenant))),
      findBySlug: (slug) =>
        db
          .plainRead<TenantRow>(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE slug = $1`, [slug])
          .pipe(Effect.map(firstRow(toTenant))),
      update: (tenant, expectedVersion) =>
        Effect.gen(function* () {
          const rows = yield* db.query(
            null,
            `UPDATE tenants SET slug = $2, name = $3, preset = $4, password_policy = $5, settings = $6,
               created_at = $7, updated_at = $8, version = $9 + 1
             WHERE id = $1 AND version = $9 RETURNING id`,
            [...values(tenant), expectedVersion]
          )
          if (rows.length === 1) return { ...tenant, version: expectedVersion + 1 }
          const actual = yield* currentVersion(tenant.id)
          if (actual === undefined) return yield* new TenantNotFound({ tenant: tenant.id })
          return yield* new VersionConflict({ expected: expectedVersion, actual })
        }),
      // Row lock on the tenant, held until the transaction ends: concurrent holders run one after another.
      lock: (id) =>
        db
          .query(null, "SELECT id FROM tenants WHERE id = $1 FOR UPDATE", [id])
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1 ? Effect.void : Effect.fail(new TenantNotFound({ tenant: id }))
            )
          )
    })
  })
)
