import { Effect } from "effect"
import { VersionConflict } from "../../errors/conflicts.ts"
import type { Actor } from "../../model/actor.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { resolvePasswordPolicy, type UpdatePasswordPolicyInput } from "./PasswordPolicyInput.ts"

export interface UpdatePasswordPolicyOptions {
  /** The tenant version the caller read (an HTTP `If-Match`); `VersionConflict` when it is stale. */
  readonly expectedVersion?: number | undefined
}

/**
 * Replaces the password policy of the actor's tenant with a preset's or with explicit rule values. Needs
 * `settings:manage`. The input is validated here too (maxLength >= 64, min <= max, ...), so a bad policy is
 * refused with `InvalidInput` and nothing changes. Optimistic: the tenant is written against the version
 * read (or `expectedVersion`), bumping it. Existing passwords are not re-checked; the new rules apply to the
 * next password set.
 */
export const updatePasswordPolicy = Effect.fn("updatePasswordPolicy")(function* (
  actor: Actor,
  input: UpdatePasswordPolicyInput,
  options: UpdatePasswordPolicyOptions = {}
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      const policy = yield* resolvePasswordPolicy(input)
      const tenant = context.tenant
      const expected = options.expectedVersion ?? tenant.version
      if (expected !== tenant.version) {
        return yield* new VersionConflict({ expected, actual: tenant.version })
      }
      const updated = yield* (yield* TenantRepository).update(
        { ...tenant, passwordPolicy: policy, updatedAt: context.now },
        expected
      )
      yield* auditBy(context, {
        action: "tenant.password_policy_updated",
        targetType: "tenant",
        targetId: tenant.id,
        // Rule values only: a policy holds no secret.
        details: { before: { ...tenant.passwordPolicy }, after: { ...policy } }
      })
      return updated.passwordPolicy
    })
  )
})
