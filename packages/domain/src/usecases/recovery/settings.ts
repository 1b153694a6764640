import { Effect, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { Tenant } from "../../model/tenant.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** `GET|PUT /v1/settings/account-recovery`. */
export const AccountRecoverySettings = Schema.Struct({
  /** Whether users may reset a forgotten password by email (default on). */
  passwordReset: Schema.Boolean
})
export type AccountRecoverySettings = typeof AccountRecoverySettings.Type

/** Whether the tenant lets users reset a forgotten password by email: on unless switched off. */
export const passwordResetEnabled = (tenant: Pick<Tenant, "settings">): boolean =>
  tenant.settings.passwordReset !== false

const settingsOf = (tenant: Pick<Tenant, "settings">): AccountRecoverySettings => ({
  passwordReset: passwordResetEnabled(tenant)
})

/** The account recovery settings of the actor's tenant. Needs `settings:manage`. */
export const getAccountRecoverySettings = Effect.fn("getAccountRecoverySettings")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      return settingsOf(context.tenant)
    })
  )
})

/**
 * Replaces the account recovery settings of the actor's tenant (`settings:manage`), audited with the values
 * before and after. Switching password resets off also stops the reset links already sent.
 */
export const updateAccountRecoverySettings = Effect.fn("updateAccountRecoverySettings")(function* (
  actor: Actor,
  input: AccountRecoverySettings
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      const tenant = context.tenant
      const updated = yield* (yield* TenantRepository).update(
        {
          ...tenant,
          settings: { ...tenant.settings, passwordReset: input.passwordReset },
          updatedAt: context.now
        },
        tenant.version
      )
      yield* auditBy(context, {
        action: "tenant.account_recovery_updated",
        targetType: "tenant",
        targetId: tenant.id,
        details: { before: settingsOf(tenant), after: settingsOf(updated) }
      })
      return settingsOf(updated)
    })
  ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 }))
})
