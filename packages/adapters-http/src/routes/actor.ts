import { type Actor, Forbidden, type UserId } from "@gatehouse/domain"
import { Effect } from "effect"

/** The user id of a session's actor (a session always names a user; the platform has no profile). */
export const selfId = (actor: Actor): Effect.Effect<UserId, Forbidden> =>
  actor._tag === "User"
    ? Effect.succeed(actor.userId)
    : Effect.fail(new Forbidden({ reason: "A user session is required" }))

/** A catalogue returned whole, in the shape of every list: `{ items, total, nextCursor: null }`. */
export const wholeList = <A>(items: ReadonlyArray<A>) => ({ items, total: items.length, nextCursor: null })
