import { Effect, Option } from "effect"
import type { Forbidden } from "../../errors/authorization.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import type { ActorDirectory } from "../../ports/ActorDirectory.ts"
import {
  ExternalCredentialRepository,
  type ExternalCredentialStatus
} from "../../ports/ExternalCredentialRepository.ts"
import type { MembershipRepository } from "../../ports/MembershipRepository.ts"
import type { RoleRepository } from "../../ports/RoleRepository.ts"
import type { TenantRepository } from "../../ports/TenantRepository.ts"
import type { Transactor } from "../../ports/Transactor.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { authenticate, isSelf, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import type { ExternalSystemNotFound } from "./errors.ts"
import { lockedMessage, requireKnownSystem } from "./system.ts"

/** What anyone may see of a user's credentials for one system: never the password. */
export interface ExternalCredentialSummary {
  readonly system: string
  readonly present: boolean
  readonly username: string | null
  readonly status: ExternalCredentialStatus | null
  readonly updatedAt: Date | null
}

/** The owner's view: the summary, and whether the tenant's default credentials lock the fields. */
export interface MyExternalCredentials extends ExternalCredentialSummary {
  readonly locked: boolean
  /** The text to show instead of the fields while locked. */
  readonly message: string | null
}

type ReadServices =
  | ActorDirectory
  | ExternalCredentialRepository
  | TenantRepository
  | UserRepository
  | RoleRepository
  | MembershipRepository
  | Transactor

/** The summary of a user's credentials for a system (for user details: presence, username, status). */
export const externalCredentialSummary = (
  tenantId: TenantId,
  userId: UserId,
  system: string
): Effect.Effect<ExternalCredentialSummary, never, ExternalCredentialRepository> =>
  Effect.map(
    ExternalCredentialRepository.use((repository) => repository.find(tenantId, userId, system)),
    Option.match({
      onNone: () => ({ system, present: false, username: null, status: null, updatedAt: null }),
      onSome: (c) => ({
        system,
        present: true,
        username: c.username,
        status: c.status,
        updatedAt: c.updatedAt
      })
    })
  )

/** `GET /v1/me/external-credentials/{system}`: the actor's own credentials, without the password. */
export const getMyExternalCredentials = Effect.fn("getMyExternalCredentials")(function* (
  actor: Actor,
  system: string
): Effect.fn.Return<
  MyExternalCredentials,
  Forbidden | ExternalSystemNotFound | StoreUnavailable,
  ReadServices
> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requireKnownSystem(context.tenant, system)
      const summary = yield* externalCredentialSummary(context.tenant.id, context.user.id, system)
      const settings = yield* (yield* ExternalCredentialRepository).findSettings(context.tenant.id, system)
      const locked = Option.isSome(settings) && settings.value.defaultCredentials !== null
      return { ...summary, locked, message: locked ? lockedMessage(system) : null }
    })
  )
})

/**
 * A user's credentials as an admin sees them: presence, username and status only (never the password, sealed
 * or not). Needs `users:read`, or the user is the actor.
 */
export const getUserExternalCredentials = Effect.fn("getUserExternalCredentials")(function* (
  actor: Actor,
  userId: UserId,
  system: string
): Effect.fn.Return<
  ExternalCredentialSummary,
  Forbidden | UserNotFound | ExternalSystemNotFound | StoreUnavailable,
  ReadServices
> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      if (!isSelf(context, userId)) yield* requirePermission(context, "users:read")
      yield* requireKnownSystem(context.tenant, system)
      const user = yield* (yield* UserRepository).findById(context.tenant.id, userId)
      if (Option.isNone(user)) return yield* new UserNotFound({ userId })
      return yield* externalCredentialSummary(context.tenant.id, userId, system)
    })
  )
})
