import type { Effect } from "effect"
import { Transactor } from "../../ports/Transactor.ts"

/** Runs a use case as one transaction: its changes and its audit event commit together or not at all. */
export const transactional = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Transactor.use((transactor) => transactor.withTransaction(effect))
