import { type Group, GroupNotFound, GroupRepository, NameTaken } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { Database } from "../Database.ts"
import { firstRow, GROUP_COLUMNS, type GroupRow, isUuid, toGroup } from "./rows.ts"

const values = (g: Group) => [
  g.tenantId,
  g.id,
  g.name,
  g.description,
  g.createdAt,
  g.updatedAt,
  g.name.toLowerCase()
]

/**
 * Groups on PostgreSQL. Names are unique per tenant case-insensitively through `name_key` (the name
 * lower-cased by the application); user links go with a deleted group (the foreign key cascades).
 */
export const layer: Layer.Layer<GroupRepository, never, Database> = Layer.effect(
  GroupRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return GroupRepository.of({
      insert: (group) =>
        db
          .query(
            group.tenantId,
            `INSERT INTO groups (${GROUP_COLUMNS}, name_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT ON CONSTRAINT groups_tenant_name_key DO NOTHING RETURNING id`,
            values(group)
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed(group)
                : Effect.fail(new NameTaken({ kind: "group", name: group.name }))
            )
          ),
      findById: (tenantId, id) =>
        isUuid(tenantId) && isUuid(id)
          ? db
              .query<GroupRow>(
                tenantId,
                `SELECT ${GROUP_COLUMNS} FROM groups WHERE tenant_id = $1 AND id = $2`,
                [tenantId, id]
              )
              .pipe(Effect.map(firstRow(toGroup)))
          : Effect.succeed(Option.none()),
      // A rename onto another group's name violates the constraint: NameTaken, transaction still usable.
      update: (group) =>
        (isUuid(group.tenantId) && isUuid(group.id)
          ? db.guarded(
              group.tenantId,
              `UPDATE groups SET name = $3, description = $4, created_at = $5, updated_at = $6, name_key = $7
               WHERE tenant_id = $1 AND id = $2 RETURNING id`,
              values(group),
              (constraint) =>
                constraint === "groups_tenant_name_key"
                  ? new NameTaken({ kind: "group", name: group.name })
                  : undefined
            )
          : Effect.succeed([])
        ).pipe(
          Effect.flatMap((rows) =>
            rows.length === 1 ? Effect.succeed(group) : Effect.fail(new GroupNotFound({ groupId: group.id }))
          )
        ),
      delete: (tenantId, id) =>
        (isUuid(tenantId) && isUuid(id)
          ? db.query(tenantId, "DELETE FROM groups WHERE tenant_id = $1 AND id = $2 RETURNING id", [
              tenantId,
              id
            ])
          : Effect.succeed([])
        ).pipe(
          Effect.flatMap((rows) =>
            rows.length === 1 ? Effect.void : Effect.fail(new GroupNotFound({ groupId: id }))
          )
        ),
      list: (tenantId) =>
        isUuid(tenantId)
          ? db
              .query<GroupRow>(
                tenantId,
                `SELECT ${GROUP_COLUMNS} FROM groups WHERE tenant_id = $1 ORDER BY name_key, id`,
                [tenantId]
              )
              .pipe(Effect.map((rows) => rows.map(toGroup)))
          : Effect.succeed([])
    })
  })
)
