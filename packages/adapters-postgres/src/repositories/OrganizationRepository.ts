import {
  type OrganizationId,
  OrganizationNotFound,
  OrganizationRepository,
  type OrganizationSlug,
  OrganizationSlugTaken,
  organizationNameKey,
  type TenantId,
  VersionConflict
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { containsPattern, cursorId, keysetPast, pageLimit, pageOf, positionOf, sqlParams } from "./listing.ts"
import { firstRow, ORGANIZATION_COLUMNS, type OrganizationRow, toOrganization } from "./rows.ts"

const SLUG_KEY = "organizations_tenant_slug_key"

// ON CONFLICT names the slug constraint only: a concurrent insert of the same slug waits for the winner, then
// inserts nothing (OrganizationSlugTaken) without aborting the caller's transaction, which may try another.
const INSERT = `INSERT INTO organizations (${ORGANIZATION_COLUMNS}, name_key)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT ON CONSTRAINT ${SLUG_KEY} DO NOTHING
  RETURNING id`

// The candidates a generated slug skips: the base itself or the base, a hyphen and digits. A slug holds only
// [a-z0-9-], so it is safe inside the pattern (the domain validated it; anything else matches nothing).
const SLUGS_LIKE = `SELECT slug FROM organizations
  WHERE tenant_id = $1 AND (slug = $2 OR (left(slug, length($2) + 1) = $2 || '-' AND substr(slug, length($2) + 2) ~ '^[0-9]+$'))`

/**
 * Organizations on PostgreSQL; memberships go with a deleted organization (the foreign key cascades). The list is
 * in the domain's `compareOrganizations` order: `name_key` (the domain's `organizationNameKey`, computed here,
 * a `COLLATE "C"` column: code point order), then id.
 */
export const layer: Layer.Layer<OrganizationRepository, never, Database> = Layer.effect(
  OrganizationRepository,
  Effect.gen(function* () {
    const db = yield* Database
    // Runs `sql` on one organization (`$1` tenant, `$2` id): OrganizationNotFound unless it returns exactly a row.
    const onOne = (tenantId: TenantId, id: OrganizationId, sql: string) =>
      db
        .query(tenantId, sql, [tenantId, id])
        .pipe(
          Effect.flatMap((rows) =>
            rows.length === 1 ? Effect.void : Effect.fail(new OrganizationNotFound({ organizationId: id }))
          )
        )
    return OrganizationRepository.of({
      insert: (organization) =>
        db
          .query(organization.tenantId, INSERT, [
            organization.tenantId,
            organization.id,
            organization.name,
            organization.slug,
            organization.companyName,
            organization.taxId,
            organization.status,
            organization.kind,
            organization.pimsCustomerCode,
            organization.pimsCustomerName,
            organization.priceCode,
            organization.createdAt,
            organization.updatedAt,
            organization.version,
            organizationNameKey(organization)
          ])
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed(organization)
                : Effect.fail(new OrganizationSlugTaken({ slug: organization.slug }))
            )
          ),
      findBySlug: (tenantId, slug) =>
        db
          .read<OrganizationRow>(
            tenantId,
            `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE tenant_id = $1 AND slug = $2`,
            [tenantId, slug]
          )
          .pipe(Effect.map(firstRow(toOrganization))),
      slugsLike: (tenantId, base) =>
        db
          .read<{ slug: OrganizationSlug }>(tenantId, SLUGS_LIKE, [tenantId, base])
          .pipe(Effect.map((rows) => rows.map((row) => row.slug))),
      findById: (tenantId, id) =>
        db
          .read<OrganizationRow>(
            tenantId,
            `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE tenant_id = $1 AND id = $2`,
            [tenantId, id]
          )
          .pipe(Effect.map(firstRow(toOrganization))),
      update: (organization, expectedVersion) =>
        Effect.gen(function* () {
          const { tenantId, id } = organization
          const rows = yield* db.guarded(
            tenantId,
            `UPDATE organizations SET name = $4, name_key = $5, pims_customer_code = $6, pims_customer_name = $7,
               price_code = $8, created_at = $9, updated_at = $10, slug = $11, company_name = $12, tax_id = $13,
               status = $14, kind = $15, version = $3 + 1
             WHERE tenant_id = $1 AND id = $2 AND version = $3 RETURNING id`,
            [
              tenantId,
              id,
              expectedVersion,
              organization.name,
              organizationNameKey(organization),
              organization.pimsCustomerCode,
              organization.pimsCustomerName,
              organization.priceCode,
              organization.createdAt,
              organization.updatedAt,
              organization.slug,
              organization.companyName,
              organization.taxId,
              organization.status,
              organization.kind
            ],
            (constraint) =>
              constraint === SLUG_KEY ? new OrganizationSlugTaken({ slug: organization.slug }) : undefined
          )
          if (rows.length === 1) return { ...organization, version: expectedVersion + 1 }
          const current = yield* db.query<{ version: number }>(
            tenantId,
            "SELECT version FROM organizations WHERE tenant_id = $1 AND id = $2",
            [tenantId, id]
          )
          if (current[0] === undefined) return yield* new OrganizationNotFound({ organizationId: id })
          return yield* new VersionConflict({ expected: expectedVersion, actual: current[0].version })
        }),
      delete: (tenantId, id) =>
        onOne(tenantId, id, "DELETE FROM organizations WHERE tenant_id = $1 AND id = $2 RETURNING id"),
      // Row lock on the organization, held until the transaction ends: concurrent holders run one after
      // another, and under READ COMMITTED each statement after it sees what the previous holder committed.
      lock: (tenantId, id) =>
        onOne(tenantId, id, "SELECT id FROM organizations WHERE tenant_id = $1 AND id = $2 FOR UPDATE"),
      list: (tenantId, query) =>
        Effect.gen(function* () {
          const { params, param } = sqlParams(tenantId)
          const filters = ["tenant_id = $1"]
          if (query.ids !== undefined) filters.push(`id = ANY(${param(query.ids)}::uuid[])`)
          const needle = query.q?.trim().toLowerCase() ?? ""
          if (needle !== "") {
            const p = param(containsPattern(needle))
            filters.push(
              `(name_key LIKE ${p} OR slug LIKE ${p} OR lower(company_name) LIKE ${p} OR lower(tax_id) LIKE ${p}
                OR lower(pims_customer_code) LIKE ${p} OR lower(pims_customer_name) LIKE ${p}
                OR lower(price_code) LIKE ${p})`
            )
          }
          const where = filters.join(" AND ")
          const filterParams = [...params]
          const position = positionOf(query.cursor)
          const pageWhere =
            position === undefined
              ? where
              : `${where} AND ${keysetPast("name_key", param(String(position.key)), cursorId("id", position.id, param), ">")}`
          const limit = pageLimit(query.limit)
          const rows = yield* db.read<OrganizationRow>(
            tenantId,
            `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE ${pageWhere}
             ORDER BY name_key, id LIMIT ${limit + 1}`,
            params
          )
          const total = yield* db.read<{ count: number }>(
            tenantId,
            `SELECT count(*)::int AS count FROM organizations WHERE ${where}`,
            filterParams
          )
          return pageOf(rows, {
            limit,
            total: total[0]?.count ?? 0,
            toItem: toOrganization,
            keyOf: organizationNameKey
          })
        })
    })
  })
)
