import { type CatalogueEntry, type CatalogueStore, catalogueNameKey, NameTaken } from "@gatehouse/domain"
import { Effect } from "effect"
import type { Database } from "../Database.ts"
import { firstRow } from "./rows.ts"

/** One named catalogue's table: its name, its columns beyond every entry's, and how a row becomes an entry. */
export interface SqlCatalogueSpec<Id extends string, Entry extends CatalogueEntry<Id>, NotFound, Row> {
  readonly kind: "group" | "department"
  /** The table; its unique constraint on (tenant_id, name_key) is `<table>_tenant_name_key`. */
  readonly table: "groups" | "departments"
  readonly extraColumns: ReadonlyArray<{ readonly column: string; readonly value: (entry: Entry) => unknown }>
  readonly toEntry: (row: Row) => Entry
  readonly notFound: (id: Id) => NotFound
}

/**
 * A named catalogue (groups, departments) on PostgreSQL. Names are unique per tenant case-insensitively through
 * `name_key` (the domain's `catalogueNameKey`, computed here), and the list is ordered by `name_key COLLATE "C"`
 * then id: the domain's `compareCatalogueEntries`. The users' links follow the table's foreign keys.
 */
export const sqlCatalogue = <Id extends string, Entry extends CatalogueEntry<Id>, NotFound, Row>(
  db: Database["Service"],
  spec: SqlCatalogueSpec<Id, Entry, NotFound, Row>
): CatalogueStore<Id, Entry, NotFound> => {
  const { table } = spec
  const constraint = `${table}_tenant_name_key`
  const selected = [
    "tenant_id",
    "id",
    "name",
    ...spec.extraColumns.map((c) => c.column),
    "created_at",
    "updated_at"
  ]
  const written = [...selected, "name_key"]
  const values = (e: Entry) => [
    e.tenantId,
    e.id,
    e.name,
    ...spec.extraColumns.map((c) => c.value(e)),
    e.createdAt,
    e.updatedAt,
    catalogueNameKey(e.name)
  ]
  const placeholders = written.map((_, i) => `$${i + 1}`).join(", ")
  const assignments = written.map((column, i) => (i < 2 ? null : `${column} = $${i + 1}`)).filter(Boolean)
  const nameTaken = (e: Entry) => new NameTaken({ kind: spec.kind, name: e.name })
  const found = (id: Id) => (rows: ReadonlyArray<unknown>) =>
    rows.length === 1 ? Effect.void : Effect.fail(spec.notFound(id))

  return {
    insert: (entry) =>
      db
        .query(
          entry.tenantId,
          `INSERT INTO ${table} (${written.join(", ")}) VALUES (${placeholders})
           ON CONFLICT ON CONSTRAINT ${constraint} DO NOTHING RETURNING id`,
          values(entry)
        )
        .pipe(
          Effect.flatMap((rows) =>
            rows.length === 1 ? Effect.succeed(entry) : Effect.fail(nameTaken(entry))
          )
        ),
    findById: (tenantId, id) =>
      db
        .read<Row>(tenantId, `SELECT ${selected.join(", ")} FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          id
        ])
        .pipe(Effect.map(firstRow(spec.toEntry))),
    // A rename onto another entry's name violates the constraint: NameTaken, the transaction still usable.
    update: (entry) =>
      db
        .guarded(
          entry.tenantId,
          `UPDATE ${table} SET ${assignments.join(", ")} WHERE tenant_id = $1 AND id = $2 RETURNING id`,
          values(entry),
          (violated) => (violated === constraint ? nameTaken(entry) : undefined)
        )
        .pipe(Effect.flatMap(found(entry.id)), Effect.as(entry)),
    delete: (tenantId, id) =>
      db
        .query(tenantId, `DELETE FROM ${table} WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id])
        .pipe(Effect.flatMap(found(id))),
    list: (tenantId) =>
      db
        .read<Row>(
          tenantId,
          `SELECT ${selected.join(", ")} FROM ${table} WHERE tenant_id = $1 ORDER BY name_key, id`,
          [tenantId]
        )
        .pipe(Effect.map((rows) => rows.map(spec.toEntry)))
  }
}
