import { Effect, Result, Schema } from "effect"
import { EmailImmutable, type Forbidden } from "../../errors/authorization.ts"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { UserId } from "../../model/ids.ts"
import type { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import type { GroupRepository } from "../../ports/GroupRepository.ts"
import type { InvitationRepository } from "../../ports/InvitationRepository.ts"
import type { Mailer } from "../../ports/Mailer.ts"
import { inputDecoder } from "../../validation/decodeInput.ts"
import { regenerateSetupLink } from "../invitations/manageSetupLink.ts"
import type { PublicUrl } from "../invitations/PublicUrl.ts"
import { type ActorContext, authenticate, requirePermission } from "../shared/ActorContext.ts"
import { deleteUser } from "../users/deleteUser.ts"
import { disableUser } from "../users/disableUser.ts"
import { enableUser } from "../users/enableUser.ts"
import { findUser, type SessionEndingServices } from "../users/guards.ts"
import { UserPatch, updateUser } from "../users/updateUser.ts"
import { ConfirmationMismatch } from "./errors.ts"

export const BulkAction = Schema.Literals(["update", "invite", "disable", "enable", "delete"])
export type BulkAction = typeof BulkAction.Type

/** At most this many users per bulk call. */
export const MAX_BULK_IDS = 1_000

/** `POST /v1/users/bulk`. */
export const BulkUsersInput = Schema.Struct({
  action: BulkAction,
  /** The users selected; an id given twice counts once. */
  ids: Schema.Array(UserId).check(Schema.isMinLength(1), Schema.isMaxLength(MAX_BULK_IDS)),
  /** For `update` only: the same patch for every user (`PATCH /v1/users/{id}`'s body). */
  patch: Schema.optionalKey(UserPatch),
  /** For `delete`: the number of users selected, typed by the admin. */
  confirm: Schema.optionalKey(Schema.Int)
})
export type BulkUsersInput = typeof BulkUsersInput.Type

const decodeInput = inputDecoder(BulkUsersInput)

/** One user's outcome: done, or the tag of the domain error that refused it (`LastAdmin`, `CannotDeleteSelf`, ...). */
export interface BulkOutcome {
  readonly id: UserId
  readonly ok: boolean
  readonly code?: string
  /** For `invite`: false when the mail system refused the message (the new link stands; send it again). */
  readonly emailSent?: boolean
}

export interface BulkResult {
  readonly results: ReadonlyArray<BulkOutcome>
}

/** The permission every user of a bulk action needs; checked once up front so a stranger learns nothing per id. */
const requireFor = (context: ActorContext, action: BulkAction) => {
  switch (action) {
    case "delete":
      return requirePermission(context, "users:delete")
    case "invite":
      return requirePermission(
        context,
        context.permissions.tenant.has("users:write") ? "users:write" : "users:invite"
      )
    default:
      return requirePermission(context, "users:write")
  }
}

type BulkServices =
  | SessionEndingServices
  | DepartmentRepository
  | GroupRepository
  | InvitationRepository
  | Mailer
  | PublicUrl

/** One user, through the single use case (its own transaction, guards and audit event). */
const runOne = (
  actor: Actor,
  context: ActorContext,
  input: BulkUsersInput,
  id: UserId
): Effect.Effect<{ readonly emailSent?: boolean }, { readonly _tag: string }, BulkServices> => {
  switch (input.action) {
    case "update":
      return Effect.gen(function* () {
        // Bulk edits apply to the current version: the same patch for everyone, nothing to merge by hand.
        const user = yield* findUser(context.tenant.id, id)
        yield* updateUser(actor, id, input.patch ?? {}, user.version)
        return {}
      })
    case "invite":
      return Effect.map(regenerateSetupLink(actor, id), (link) => ({ emailSent: link.emailSent }))
    case "disable":
      return Effect.as(disableUser(actor, id), {})
    case "enable":
      return Effect.as(enableUser(actor, id), {})
    case "delete":
      return Effect.as(deleteUser(actor, id), {})
  }
}

/**
 * Applies one action to up to 1,000 users and reports every user's outcome. Each user goes through the same
 * use case as a single request (`updateUser`, `regenerateSetupLink`, `disableUser`, `enableUser`,
 * `deleteUser`), one at a time in its own transaction with its own audit event, so the same rules hold: not
 * oneself, not the last admin (the later of two admins fails `LastAdmin`), not a user holding a permission the
 * actor lacks. A refusal is that user's `code`; the others proceed. `delete` needs `confirm` equal to the number
 * of users selected (`ConfirmationMismatch`, nothing deleted); `update` needs a `patch` and never an `email`.
 */
export const bulkUsers = Effect.fn("bulkUsers")(function* (
  actor: Actor,
  given: BulkUsersInput
): Effect.fn.Return<
  BulkResult,
  Forbidden | InvalidInput | EmailImmutable | ConfirmationMismatch,
  BulkServices
> {
  const input = yield* decodeInput(given)
  const context = yield* authenticate(actor)
  yield* requireFor(context, input.action)
  const ids = [...new Set(input.ids)]
  if ((input.action === "update") !== (input.patch !== undefined)) {
    const message = input.action === "update" ? "Required for update" : "Only update takes a patch"
    return yield* new InvalidInput({ errors: [{ path: "patch", message }] })
  }
  if (input.patch?.email !== undefined) return yield* new EmailImmutable()
  if (input.action === "delete" && input.confirm !== ids.length) {
    return yield* new ConfirmationMismatch({ expected: ids.length, given: input.confirm ?? null })
  }
  const results: Array<BulkOutcome> = []
  for (const id of ids) {
    const outcome = yield* Effect.result(runOne(actor, context, input, id))
    results.push(
      Result.isSuccess(outcome)
        ? { id, ok: true, ...outcome.success }
        : { id, ok: false, code: outcome.failure._tag }
    )
  }
  return { results }
})
