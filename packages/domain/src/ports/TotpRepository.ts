import { Context, type Effect, type Option } from "effect"
import type { TenantId, UserId } from "../model/ids.ts"

/** A user's TOTP authenticator: pending until confirmed by a code, then in force. */
export interface TotpEnrollment {
  readonly tenantId: TenantId
  readonly userId: UserId
  /** The shared secret, sealed by the SecretBox (never stored in clear). */
  readonly sealedSecret: string
  readonly confirmed: boolean
  /** The last accepted time step: a code of this step or an earlier one is never accepted again. */
  readonly lastUsedStep: number | null
  /** SHA-256 hashes of the unused recovery codes. */
  readonly recoveryCodeHashes: ReadonlyArray<string>
  readonly createdAt: Date
}

/**
 * TOTP enrolments, one per user.
 *
 * Guarantees: `savePending` replaces an unconfirmed enrolment but never a confirmed one (returns false then);
 * `useStep` atomically accepts a step only when it is greater than `lastUsedStep` (of N concurrent calls with
 * one step, exactly one gets true); `consumeRecoveryCode` atomically removes one hash (exactly one concurrent
 * caller gets true); `replaceRecoveryCodes` swaps the whole set of a confirmed enrolment at once (the old codes
 * stop working in the same statement); isolation by tenant.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class TotpRepository extends Context.Service<
  TotpRepository,
  {
    readonly savePending: (enrollment: TotpEnrollment) => Effect.Effect<boolean>
    readonly find: (tenantId: TenantId, userId: UserId) => Effect.Effect<Option.Option<TotpEnrollment>>
    /** Marks the enrolment confirmed with its recovery codes; false when there is no pending enrolment. */
    readonly confirm: (
      tenantId: TenantId,
      userId: UserId,
      recoveryCodeHashes: ReadonlyArray<string>,
      step: number
    ) => Effect.Effect<boolean>
    readonly useStep: (tenantId: TenantId, userId: UserId, step: number) => Effect.Effect<boolean>
    readonly consumeRecoveryCode: (tenantId: TenantId, userId: UserId, hash: string) => Effect.Effect<boolean>
    /** Replaces the recovery code hashes of a confirmed enrolment; false (nothing changed) when there is none. */
    readonly replaceRecoveryCodes: (
      tenantId: TenantId,
      userId: UserId,
      recoveryCodeHashes: ReadonlyArray<string>
    ) => Effect.Effect<boolean>
    readonly delete: (tenantId: TenantId, userId: UserId) => Effect.Effect<void>
  }
>()("@gatehouse/domain/TotpRepository") {}
