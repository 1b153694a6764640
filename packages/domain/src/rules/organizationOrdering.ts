import type { CursorPosition } from "../model/cursor.ts"
import type { Organization } from "../model/organization.ts"
import { catalogueNameKey, compareCodePoints } from "./catalogueOrdering.ts"

/**
 * The one ordering of the organizations' list, the named catalogues' rule (catalogueOrdering.ts) written once:
 * the in-memory store sorts and pages with it, the SQL store stores `organizationNameKey` as `name_key` and
 * mirrors it (`name_key COLLATE "C"`, then id), and the contract suite checks both against it.
 */

type Named = Pick<Organization, "id" | "name">

/** The key the list is sorted by and its cursors carry: the name lower-cased. */
export const organizationNameKey = (organization: Pick<Organization, "name">): string =>
  catalogueNameKey(organization.name)

/** Total order of the list: the name key by code point (PostgreSQL's `COLLATE "C"`), then the id. */
export const compareOrganizations = (a: Named, b: Named): number =>
  compareCodePoints(organizationNameKey(a), organizationNameKey(b)) || compareCodePoints(a.id, b.id)

/** Whether an organization comes strictly after a cursor's position (the key and id of a page's last row). */
export const isAfterOrganizationCursor = (organization: Named, position: CursorPosition): boolean =>
  (compareCodePoints(organizationNameKey(organization), String(position.key)) ||
    compareCodePoints(organization.id, position.id)) > 0
