import { Effect, Option } from "effect"
import type { AuditActorKind } from "../../model/audit.ts"
import { type EventType, eventTypeOf, toEventData } from "../../model/event.ts"
import type { DepartmentId, EventId, GroupId, OrganizationId, TenantId, UserId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { Outbox } from "../../ports/Outbox.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"

type Json = ReturnType<typeof toEventData>

/** What writing a change event needs: the outbox and the repositories its resource is read from. */
export type ChangeEventServices =
  | Outbox
  | UserRepository
  | MembershipRepository
  | OrganizationRepository
  | GroupRepository
  | DepartmentRepository
  | TenantRepository

/** The audit entry a change event is made from (see `audit`). */
export interface ChangeEntry {
  readonly action: string
  readonly targetType?: string | undefined
  readonly targetId?: string | undefined
  readonly details?: Readonly<Record<string, unknown>> | undefined
  /** The resource as it was, for a change after which it is gone (a deletion, a removal). */
  readonly resource?: unknown
}

export interface ChangeBy {
  readonly tenantId: TenantId
  readonly actorKind: AuditActorKind
  readonly actorId: UserId | null
}

const stringDetail = (entry: ChangeEntry, key: string): string | undefined => {
  const value = entry.details?.[key]
  return typeof value === "string" ? value : undefined
}

const orNull = <A>(found: Option.Option<A>): A | null => Option.getOrNull(found)

/** The user as events show it: every field but the password hash (removed by `toEventData`). */
const findUser = (tenantId: TenantId, userId: string) =>
  UserRepository.use((users) => users.findById(tenantId, userId as UserId))

/**
 * The whole resource after the change, read in the change's transaction: the target (user, organization, group,
 * department, tenant), for a membership the membership with its user, for an eShop change the user with the
 * change's details. A resource already gone is described by the entry's `resource`, else by its id and details.
 */
const resourceOf = Effect.fnUntraced(function* (tenantId: TenantId, type: EventType, entry: ChangeEntry) {
  if (entry.resource !== undefined) return toEventData(entry.resource)
  const id = entry.targetId
  const fallback = toEventData({ id: id ?? null, ...entry.details })
  if (id === undefined) return fallback
  if (type.startsWith("membership.")) {
    const organizationId = stringDetail(entry, "organizationId")
    if (organizationId === undefined) return fallback
    const memberships = yield* MembershipRepository
    const membership = yield* memberships.find(tenantId, organizationId as OrganizationId, id as UserId)
    const user = orNull(yield* findUser(tenantId, id))
    return toEventData(
      Option.isSome(membership) ? { ...membership.value, user } : { organizationId, userId: id, user }
    )
  }
  switch (entry.targetType) {
    case "user": {
      const user = yield* findUser(tenantId, id)
      if (Option.isNone(user)) return fallback
      return type.startsWith("eshop.")
        ? toEventData({ ...entry.details, user: user.value })
        : toEventData(user.value)
    }
    case "organization":
      return toEventData(
        orNull(yield* (yield* OrganizationRepository).findById(tenantId, id as OrganizationId)) ??
          (fallback as object)
      )
    case "group":
      return toEventData(
        orNull(yield* (yield* GroupRepository).findById(tenantId, id as GroupId)) ?? fallback
      )
    case "department":
      return toEventData(
        orNull(yield* (yield* DepartmentRepository).findById(tenantId, id as DepartmentId)) ?? fallback
      )
    case "tenant":
      return toEventData(orNull(yield* (yield* TenantRepository).findById(tenantId)) ?? fallback)
    default:
      return fallback
  }
})

/**
 * Appends the change event of an audit entry to the outbox, in the current transaction (called by `audit`
 * only, so every change that writes its audit event writes its event too). Entries of actions that are not
 * changes (logins, failed codes) have no event.
 */
export const appendChangeEvent = Effect.fnUntraced(function* (by: ChangeBy, entry: ChangeEntry, at: Date) {
  const type = eventTypeOf(entry.action)
  if (type === undefined) return
  const data: Json = yield* resourceOf(by.tenantId, type, entry)
  yield* (yield* Outbox).append({
    id: yield* newId<EventId>(),
    type,
    tenantId: by.tenantId,
    occurredAt: at,
    actor: { kind: by.actorKind, id: by.actorId },
    data
  })
})
