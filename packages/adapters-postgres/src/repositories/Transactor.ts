import { Transactor } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"

/** The Transactor on PostgreSQL: one database transaction per use case (see `Database.transaction`). */
export const layer: Layer.Layer<Transactor, never, Database> = Layer.effect(
  Transactor,
  Effect.map(Database, (db) =>
    Transactor.of({ withTransaction: (effect, options) => db.transaction(effect, options) })
  )
)
