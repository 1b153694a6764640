import { Context, type Effect } from "effect"
import type { StoreUnavailable } from "../errors/infrastructure.ts"

/** How a transaction is used; the guarantees below hold with any options. */
export interface TransactionOptions {
  /**
   * The transaction mostly reads (a read route: the session check and a read use case). A store may then run
   * each read that comes before the transaction's first write on its own, with the committed state of that
   * moment (what any read of a read-committed transaction sees) and without holding the transaction open:
   * fewer round trips. A read after a write still sees the write, and the writes keep every guarantee. Ignored
   * by a transaction that joins an outer one.
   */
  readonly mostlyReads?: boolean
}

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
      effect: Effect.Effect<A, E, R>,
      options?: TransactionOptions
    ) => Effect.Effect<A, E | StoreUnavailable, R>
  }
>()("@gatehouse/domain/Transactor") {}
