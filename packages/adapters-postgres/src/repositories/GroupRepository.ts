import { GroupNotFound, GroupRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { sqlCatalogue } from "./namedCatalogue.ts"
import { toGroup } from "./rows.ts"

/** Groups on PostgreSQL; a deleted group's user links go with it (the foreign key cascades). */
export const layer: Layer.Layer<GroupRepository, never, Database> = Layer.effect(
  GroupRepository,
  Effect.map(Database, (db) =>
    sqlCatalogue(db, {
      kind: "group",
      table: "groups",
      extraColumns: [{ column: "description", value: (g) => g.description }],
      toEntry: toGroup,
      notFound: (groupId) => new GroupNotFound({ groupId })
    })
  )
)
