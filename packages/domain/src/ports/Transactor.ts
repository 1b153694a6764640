import { Context, type Effect } from "effect"
import type { StoreUnavailable } from "../errors/infrastructure.ts"

/**
 * Runs an effect as one transaction of the store.
 *
 * Guarantees:
 * - atomicity: when the effect fails (any error or defect) or is interrupted, nothing it wrote through the
 *   repositories is visible afterwards; when it succeeds, everything is;
 * - isolation: writes of a transaction are invisible to others until it commits;
 * - nesting: a `withTransaction` inside another joins the outer transaction;
 * - a store that cannot be reached fails with `StoreUnavailable` and has written nothing. Serialization
 *   failures and deadlocks are retried (the whole effect runs again, a bounded number of times).
 */
export class Transactor extends Context.Service<
  Transactor,
  {
    readonly withTransaction: <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ) => Effect.Effect<A, E | StoreUnavailable, R>
  }
>()("@gatehouse/domain/Transactor") {}
