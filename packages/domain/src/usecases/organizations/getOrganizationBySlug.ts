import { Effect, Option } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import { OrganizationNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import { OrganizationSlug } from "../../model/organization.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { canReadOrganization, readableOrganizations } from "./access.ts"

/**
 * Reads one organization by its slug (the client portal's `/portal/<slug>`), with `getOrganization`'s access:
 * every organization for `orgs:manage`, else those where a membership in effect grants `org:read`. An actor who
 * reads no organization at all is `Forbidden`; anyone else gets `OrganizationNotFound` both for an unknown slug
 * and for an organization they may not read, so slugs of other clients cannot be probed.
 */
export const getOrganizationBySlug = Effect.fn("getOrganizationBySlug")(function* (
  actor: Actor,
  slug: string
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const readable = readableOrganizations(context)
      if (!readable.all && readable.ids.length === 0) {
        return yield* new Forbidden({ reason: "Missing permission org:read" })
      }
      const valid = yield* decodeInput(OrganizationSlug, slug).pipe(Effect.option)
      const found = Option.isSome(valid)
        ? yield* (yield* OrganizationRepository).findBySlug(context.tenant.id, valid.value)
        : Option.none()
      if (Option.isNone(found) || !canReadOrganization(context, found.value.id)) {
        return yield* new OrganizationNotFound({ organizationId: slug })
      }
      return found.value
    })
  )
})
