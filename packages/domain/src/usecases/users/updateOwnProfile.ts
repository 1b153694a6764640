import { Effect, Schedule } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { findUser } from "./guards.ts"
import { type UserPatch, updateUser } from "./updateUser.ts"

/** How often an edit without a version is tried again when a concurrent edit took the version it read. */
const RETRIES_WITHOUT_VERSION = 10

/**
 * `PATCH /v1/me`: the caller edits their own profile. With `expectedVersion` (`If-Match`) the edit applies to
 * that version only (`VersionConflict` otherwise); without it, to the current version, read in the same
 * transaction and read again (up to 10 times) when a concurrent edit committed in between, so a client that sent no
 * `If-Match` never gets a conflict it did not ask for. The rules are `updateUser`'s for oneself.
 */
export const updateOwnProfile = Effect.fn("updateOwnProfile")(function* (
  actor: Actor,
  input: UserPatch,
  expectedVersion?: number
) {
  if (actor._tag !== "User") return yield* new Forbidden({ reason: "A user session is required" })
  const userId = actor.userId
  const attempt = transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const version = expectedVersion ?? (yield* findUser(context.tenant.id, userId)).version
      return yield* updateUser(actor, userId, input, version)
    })
  )
  return yield* expectedVersion === undefined
    ? attempt.pipe(
        Effect.retry({
          while: (error) => error._tag === "VersionConflict",
          schedule: Schedule.recurs(RETRIES_WITHOUT_VERSION)
        })
      )
    : attempt
})
