import { Context, type Effect, type Option } from "effect"
import type { OrganizationId, SessionId, TenantId, UserId } from "../model/ids.ts"
import type { Membership } from "../model/membership.ts"
import type { Organization } from "../model/organization.ts"
import type { Role } from "../model/role.ts"
import type { Tenant } from "../model/tenant.ts"
import type { User, UserStatus } from "../model/user.ts"
import type { Session } from "./SessionRepository.ts"

/** Everything `authenticate` needs about one user, read together. */
export interface ActorRecord {
  readonly tenant: Tenant
  readonly user: User
  /** The tenant's roles, as `RoleRepository.list` returns them (tenant roles first, insertion order). */
  readonly roles: ReadonlyArray<Role>
  /** The user's memberships, as `MembershipRepository.listByUser` returns them (any state, expired too). */
  readonly memberships: ReadonlyArray<Membership>
  /**
   * The organizations of those memberships whose status is `inactive` (their memberships grant nothing), each
   * once, in the order of `memberships`.
   */
  readonly inactiveOrganizations: ReadonlyArray<OrganizationId>
}

/** A session and the status of its user now, read together. */
export interface SessionRecord {
  /** The session as `SessionRepository.findById` returns it (revoked and expired ones included). */
  readonly session: Session
  /** The status of the session's user now; `undefined` when the user no longer exists. */
  readonly userStatus: UserStatus | undefined
}

/** An actor as `load` reads it, with the organizations of its memberships (what `GET /v1/me` shows). */
export interface ActorSnapshot extends ActorRecord {
  /**
   * The organizations of `memberships` as `OrganizationRepository.findById` returns them, each once, in the
   * order of `memberships`.
   */
  readonly organizations: ReadonlyArray<Organization>
}

/** A session, the status of its user now, and that user as an actor, read together. */
export interface SessionActorRecord extends SessionRecord {
  /** What `load(session.tenantId, session.userId)` would answer, with the memberships' organizations. */
  readonly actor: Option.Option<ActorSnapshot>
}

/**
 * Loads an actor (tenant, user, the tenant's roles, the user's memberships) in one read of the store, and a
 * presented session with its user's status in one read of the store.
 *
 * Guarantees of `load`:
 * - `None` when the tenant does not exist, the user does not exist, or the user belongs to another tenant;
 *   the user's status is not looked at (an inactive user is loaded);
 * - otherwise exactly what `TenantRepository.findById`, `UserRepository.findById`, `RoleRepository.list` and
 *   `MembershipRepository.listByUser` would return in the same transaction, in the same order, and the ids of
 *   the memberships' organizations that `OrganizationRepository.findById` shows `inactive`, all from one
 *   consistent snapshot (no write of another transaction can land between the parts);
 * - inside a transaction it sees that transaction's own writes;
 * - isolation by tenant: never another tenant's roles or memberships.
 *
 * Guarantees of `findSession` (by id alone, like `SessionRepository.findById`: a token carries no tenant):
 * - `None` exactly when `SessionRepository.findById` would return `None` (an unknown id);
 * - otherwise the session exactly as `findById` returns it (revoked and expired ones included) and the
 *   status of its user (same tenant, same id) as `UserRepository.findById` would return it, or `undefined`
 *   when that user no longer exists; both from one consistent snapshot;
 * - inside a transaction it sees that transaction's own writes;
 * - the caller must verify the token's secret against `session.secretHash` before trusting the row.
 *
 * Guarantees of `findSessionActor` (the session check and the actor in one read: `GET /v1/me`):
 * - `None` exactly when `findSession` would return `None`;
 * - otherwise what `findSession` would return, and as `actor` what `load(session.tenantId, session.userId)`
 *   would return (`None` once the user is gone) with the organizations of its memberships as
 *   `OrganizationRepository.findById` returns them; all from one consistent snapshot;
 * - the actor is the session's own user in the session's own tenant, never another tenant's rows;
 * - inside a transaction it sees that transaction's own writes;
 * - the caller must verify the token's secret before trusting the row, and must not look at `actor` unless
 *   the session is usable.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class ActorDirectory extends Context.Service<
  ActorDirectory,
  {
    readonly load: (tenantId: TenantId, userId: UserId) => Effect.Effect<Option.Option<ActorRecord>>
    readonly findSession: (id: SessionId) => Effect.Effect<Option.Option<SessionRecord>>
    readonly findSessionActor: (id: SessionId) => Effect.Effect<Option.Option<SessionActorRecord>>
  }
>()("@gatehouse/domain/ActorDirectory") {}
