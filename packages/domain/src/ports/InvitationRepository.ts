import { Context, type Effect, type Option } from "effect"
import type { InvitationId, TenantId, UserId } from "../model/ids.ts"

/**
 * The recorded state of a setup invitation. `expired` is also derived at read time from `expiresAt` (a pending
 * invitation whose `expiresAt` has passed is expired whether or not a sweeper recorded it).
 */
export type InvitationState = "pending" | "accepted" | "revoked" | "expired"

/** A one-time, time-limited setup invitation of a pending user. The secret itself is never stored. */
export interface Invitation {
  readonly id: InvitationId
  readonly tenantId: TenantId
  readonly userId: UserId
  /** SHA-256 of the token's secret, lower-case hex. */
  readonly secretHash: string
  readonly state: InvitationState
  readonly expiresAt: Date
  readonly createdAt: Date
  readonly acceptedAt: Date | null
}

/**
 * Setup invitations.
 *
 * Guarantees:
 * - `accept` is a conditional update `pending -> accepted` that applies only while `expiresAt > at`: of N
 *   concurrent callers for one invitation exactly one gets true (inside transactions too: a loser waits for
 *   the winner and then sees `accepted`);
 * - `revokePendingForUser` turns every pending invitation of the user into `revoked` and returns how many it
 *   changed; a revoked, accepted or expired invitation never becomes pending again;
 * - isolation: every method but `findById` is keyed by tenant and never touches another tenant's rows.
 *   `findById` is the one lookup by id alone, because a setup token is presented without a tenant (like a
 *   session token); the caller must verify the secret before trusting the row.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class InvitationRepository extends Context.Service<
  InvitationRepository,
  {
    readonly insert: (invitation: Invitation) => Effect.Effect<Invitation>
    /**
     * Inserts many invitations (of one or more tenants) as `insert` stores each one, every field as given: the
     * bulk import's path, callers pass batches of about a thousand. All or nothing: an id that is taken, or
     * given twice, is a bug (ids are fresh) and dies, storing nothing of the call. Inside a transaction the
     * rows commit or roll back with it. An empty array stores nothing.
     */
    readonly insertMany: (invitations: ReadonlyArray<Invitation>) => Effect.Effect<void>
    readonly findById: (id: InvitationId) => Effect.Effect<Option.Option<Invitation>>
    /** The user's invitations, newest first. */
    readonly listByUser: (tenantId: TenantId, userId: UserId) => Effect.Effect<ReadonlyArray<Invitation>>
    readonly accept: (tenantId: TenantId, id: InvitationId, at: Date) => Effect.Effect<boolean>
    readonly revokePendingForUser: (tenantId: TenantId, userId: UserId) => Effect.Effect<number>
  }
>()("@gatehouse/domain/InvitationRepository") {}
