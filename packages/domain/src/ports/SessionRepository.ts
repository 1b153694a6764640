import { Context, type Effect, type Option } from "effect"
import type { SessionScope } from "../model/actor.ts"
import type { SessionId, TenantId, UserId } from "../model/ids.ts"

/** A login session. The token's secret is never stored, only its SHA-256. */
export interface Session {
  readonly id: SessionId
  readonly tenantId: TenantId
  readonly userId: UserId
  /** SHA-256 of the token's secret, lower-case hex. */
  readonly secretHash: string
  readonly scope: SessionScope
  readonly createdAt: Date
  /** The last request seen; the inactivity lifetime counts from here. */
  readonly lastSeenAt: Date
  /** The absolute end of the session, whatever its activity. */
  readonly expiresAt: Date
  /** Set once by logout or revocation; a revoked session never becomes usable again. */
  readonly revokedAt: Date | null
}

/**
 * Login sessions.
 *
 * Guarantees:
 * - isolation: every method but `findById` is keyed by tenant and never reads nor changes another tenant's
 *   rows. `findById` is the one lookup by id alone, because a session token is presented without a tenant;
 *   the caller must verify the secret before trusting the row;
 * - revocation is final: `revoke` and `revokeAllForUser` set `revokedAt` only on sessions not yet revoked,
 *   and `touch` never changes a revoked session; once revoked, `findById` returns it with `revokedAt` set;
 * - `revokeAllForUser` is one atomic statement: every session of the user that exists when it runs is revoked
 *   (joins the caller's transaction), and it returns how many it revoked;
 * - `touch` only moves `lastSeenAt` forward.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class SessionRepository extends Context.Service<
  SessionRepository,
  {
    /** Stores a new session (ids are fresh UUIDs: a duplicate id is a defect). */
    readonly insert: (session: Session) => Effect.Effect<void>
    readonly findById: (id: SessionId) => Effect.Effect<Option.Option<Session>>
    /** Sets `lastSeenAt` to `at` when `at` is later and the session is not revoked. */
    readonly touch: (tenantId: TenantId, id: SessionId, at: Date) => Effect.Effect<void>
    /** Revokes one session; true when it existed in the tenant and was not revoked yet. */
    readonly revoke: (tenantId: TenantId, id: SessionId, at: Date) => Effect.Effect<boolean>
    /** Revokes every unrevoked session of the user; returns how many. */
    readonly revokeAllForUser: (tenantId: TenantId, userId: UserId, at: Date) => Effect.Effect<number>
    /** Every session of the user, revoked and expired ones included, newest first (by `createdAt`, then id). */
    readonly listByUser: (tenantId: TenantId, userId: UserId) => Effect.Effect<ReadonlyArray<Session>>
  }
>()("@gatehouse/domain/SessionRepository") {}
