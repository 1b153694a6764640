import { Effect, Schema } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import { SearchText } from "../../model/text.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { readableOrganizations } from "./access.ts"
import { type PageRequest, pageRequest } from "./validation.ts"

const OrganizationSearch = Schema.Struct({ q: Schema.optionalKey(SearchText) })

export interface ListOrganizationsQuery extends PageRequest {
  /** Case-insensitive substring of the name or an external code. */
  readonly q?: string | undefined
}

/**
 * Lists organizations by name. Holders of `orgs:manage` (or `org:read` tenant-wide) see all of them; anyone
 * else sees only the organizations where a membership in effect grants `org:read`, and an actor with no such
 * organization at all is `Forbidden`.
 */
export const listOrganizations = Effect.fn("listOrganizations")(function* (
  actor: Actor,
  query: ListOrganizationsQuery = {}
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const readable = readableOrganizations(context)
      if (!readable.all && readable.ids.length === 0) {
        return yield* new Forbidden({ reason: "Missing permission org:read" })
      }
      const search = yield* decodeInput(OrganizationSearch, query.q === undefined ? {} : { q: query.q })
      const page = yield* pageRequest(query, "text")
      return yield* (yield* OrganizationRepository).list(context.tenant.id, {
        ...page,
        q: search.q,
        ids: readable.all ? undefined : readable.ids
      })
    })
  )
})
