import { NameTaken, RoleRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { firstRow, ROLE_COLUMNS, type RoleRow, toRole } from "./rows.ts"

/** A tenant's role catalogue; (tenant, scope, name) is the primary key. */
export const layer: Layer.Layer<RoleRepository, never, Database> = Layer.effect(
  RoleRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return RoleRepository.of({
      insert: (role) =>
        db
          .query(
            role.tenantId,
            `INSERT INTO roles (${ROLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ON CONSTRAINT roles_pkey DO NOTHING RETURNING name`,
            [role.tenantId, role.scope, role.name, role.permissions, role.requiresTotp, role.builtIn]
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed(role)
                : Effect.fail(new NameTaken({ kind: "role", name: role.name }))
            )
          ),
      find: (tenantId, scope, name) =>
        db
          .read<RoleRow>(
            tenantId,
            `SELECT ${ROLE_COLUMNS} FROM roles WHERE tenant_id = $1 AND scope = $2 AND name = $3`,
            [tenantId, scope, name]
          )
          .pipe(Effect.map(firstRow(toRole))),
      list: (tenantId) =>
        db
          .read<RoleRow>(
            tenantId,
            `SELECT ${ROLE_COLUMNS} FROM roles WHERE tenant_id = $1
                 ORDER BY scope = 'organization', position`,
            [tenantId]
          )
          .pipe(Effect.map((rows) => rows.map(toRole)))
    })
  })
)
