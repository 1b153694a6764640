import { assert } from "@effect/vitest"
import {
  ExternalCredentialRepository,
  InvitationRepository,
  OneTimeTokenRepository,
  SessionRepository,
  TotpRepository,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Option } from "effect"
import { type AuthContractIt, tenantWithUsers } from "./authSupport.ts"
import { aCredential } from "./externalCredentialRepository.ts"
import { anInvitation } from "./invitationRepository.ts"
import { aToken } from "./oneTimeTokenRepository.ts"
import { aSession } from "./sessionRepository.ts"
import { aPending } from "./totpRepository.ts"

/** Gives `user` one row in every port that keeps rows of a user; answers how to read each back. */
const rowsOf = (user: User) =>
  Effect.gen(function* () {
    const sessions = yield* SessionRepository
    const invitations = yield* InvitationRepository
    const totp = yield* TotpRepository
    const credentials = yield* ExternalCredentialRepository
    const tokens = yield* OneTimeTokenRepository
    const session = aSession(user)
    const invitation = anInvitation(user)
    const token = aToken(user)
    yield* sessions.insert(session)
    yield* invitations.insert(invitation)
    yield* totp.savePending(aPending(user))
    yield* credentials.put(aCredential(user))
    yield* tokens.issue(token)
    return Effect.all({
      session: Effect.map(sessions.findById(session.id), Option.isSome),
      sessionsListed: Effect.map(sessions.listByUser(user.tenantId, user.id), (all) => all.length > 0),
      invitation: Effect.map(invitations.findById(invitation.id), Option.isSome),
      totp: Effect.map(totp.find(user.tenantId, user.id), Option.isSome),
      credential: Effect.map(credentials.find(user.tenantId, user.id, "pims"), Option.isSome),
      token: Effect.map(tokens.findById(token.id), Option.isSome)
    })
  })

/**
 * What `UserRepository.delete` promises about the rows other ports keep of the user (on PostgreSQL, the foreign
 * keys' cascades): they go with the user, every one of them, and nobody else's do.
 */
export const userDeletionTests = (it: AuthContractIt): void => {
  it.effect(
    "deleting a user deletes their sessions, invitations, TOTP, external credentials and tokens",
    () =>
      Effect.gen(function* () {
        const { users } = yield* tenantWithUsers(2)
        const [doomed, kept] = users as [User, User]
        const doomedRows = yield* rowsOf(doomed)
        const keptRows = yield* rowsOf(kept)
        const everything = {
          session: true,
          sessionsListed: true,
          invitation: true,
          totp: true,
          credential: true,
          token: true
        }
        assert.deepStrictEqual(yield* doomedRows, everything)
        yield* (yield* UserRepository).delete(doomed.tenantId, doomed.id)
        assert.deepStrictEqual(yield* doomedRows, {
          session: false,
          sessionsListed: false,
          invitation: false,
          totp: false,
          credential: false,
          token: false
        })
        assert.deepStrictEqual(yield* keptRows, everything)
      })
  )
}
