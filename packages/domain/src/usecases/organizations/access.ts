import type { OrganizationId } from "../../model/ids.ts"
import { holdsIn } from "../../rules/permissions.ts"
import type { ActorContext } from "../shared/ActorContext.ts"

/**
 * Who may read an organization: a holder of `orgs:manage` (every organization), or of `org:read` tenant-wide
 * or through a membership in effect in that organization.
 */
export const canReadOrganization = (context: ActorContext, organizationId: OrganizationId): boolean =>
  context.permissions.tenant.has("orgs:manage") || holdsIn(context.permissions, organizationId, "org:read")

/** The organizations the actor may read: all of them, or those where a membership in effect grants `org:read`. */
export const readableOrganizations = (
  context: ActorContext
): { readonly all: true } | { readonly all: false; readonly ids: ReadonlyArray<OrganizationId> } =>
  context.permissions.tenant.has("orgs:manage") || context.permissions.tenant.has("org:read")
    ? { all: true }
    : {
        all: false,
        ids: [...context.permissions.organizations]
          .filter(([, permissions]) => permissions.has("org:read"))
          .map(([id]) => id)
      }
