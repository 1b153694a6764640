import { Context, type Effect, type Option } from "effect"
import type { EmailTaken, UserNotFound, VersionConflict } from "../errors/index.ts"
import type { Email } from "../model/email.ts"
import type { DepartmentId, GroupId, TenantId, UserId } from "../model/ids.ts"
import type { Page } from "../model/page.ts"
import type { RoleName } from "../model/role.ts"
import type { User, UserKind, UserStatus } from "../model/user.ts"

export type UserSort = "name" | "email" | "created" | "lastLogin"

export interface UserListQuery {
  /** Case-insensitive substring of first name, last name, "first last", display name or email. */
  readonly q?: string | undefined
  readonly status?: UserStatus | undefined
  readonly kind?: UserKind | undefined
  readonly role?: RoleName | undefined
  readonly departmentId?: DepartmentId | undefined
  readonly groupId?: GroupId | undefined
  /** Restrict to these ids (used by organization member listings and bulk operations). */
  readonly ids?: ReadonlyArray<UserId> | undefined
  readonly sort: UserSort
  readonly limit: number
  /** From a previous page's `nextCursor` with the same filter and sort. */
  readonly cursor?: string | undefined
}

/**
 * Users of a tenant.
 *
 * Guarantees:
 * - isolation: every method is keyed by tenant; a user of another tenant is never returned nor changed;
 * - uniqueness: (tenant, email) is unique; the store reports `EmailTaken` (of N concurrent inserts of one
 *   email, exactly one succeeds); emails are stored normalised, so casing cannot create a second account;
 * - optimistic concurrency: `update` applies only at the expected version and stores `version + 1`;
 * - listing: `list` orders by the sort key then id (the domain's `compareUsers`: text keys and ids by code point;
 *   `lastLogin` newest first, never-logged-in last), its cursors past a row by `isAfter`, pages never repeat or skip a row of an unchanged set, and `total` counts the whole filtered set.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class UserRepository extends Context.Service<
  UserRepository,
  {
    readonly insert: (user: User) => Effect.Effect<User, EmailTaken>
    /**
     * Inserts many users of one or more tenants (the bulk import's path; callers pass batches of about a
     * thousand). All or nothing: when any email is taken in its tenant, or appears twice in `users` for one
     * tenant, nothing of the call is stored and it fails with `EmailTaken` naming one such email; inside a
     * transaction, that failure leaves the transaction usable (the caller may insert the others and commit).
     * The same uniqueness as `insert`, enforced by the store (never check-then-insert); an empty array stores
     * nothing.
     */
    readonly insertMany: (users: ReadonlyArray<User>) => Effect.Effect<void, EmailTaken>
    readonly findById: (tenantId: TenantId, id: UserId) => Effect.Effect<Option.Option<User>>
    readonly findByEmail: (tenantId: TenantId, email: Email) => Effect.Effect<Option.Option<User>>
    /**
     * Which of `emails` a user of the tenant has: exactly those for which `findByEmail` would find a user (emails
     * are compared as stored, normalised), never counting another tenant's users; an email given twice is
     * answered once, and an empty array answers an empty set. One lookup for many emails (the bulk import's
     * path; callers pass batches of about a thousand). Inside a transaction it sees the transaction's own
     * writes. It is a read, not a reservation: an email free now may be taken before the caller inserts it,
     * which the store's uniqueness then reports (`insert`, `insertMany`).
     */
    readonly existingEmails: (
      tenantId: TenantId,
      emails: ReadonlyArray<Email>
    ) => Effect.Effect<ReadonlySet<Email>>
    /** Stores `user` with `version: expectedVersion + 1` when the stored version is `expectedVersion`. */
    readonly update: (
      user: User,
      expectedVersion: number
    ) => Effect.Effect<User, UserNotFound | VersionConflict>
    /**
     * Removes the user with their memberships and group links, and every row other ports keep of them: sessions,
     * invitations, TOTP enrolment, external credentials and one-time tokens (`userDeletionTests`).
     */
    readonly delete: (tenantId: TenantId, id: UserId) => Effect.Effect<void, UserNotFound>
    readonly list: (tenantId: TenantId, query: UserListQuery) => Effect.Effect<Page<User>>
    /** How many users with status `active` hold one of these roles. */
    readonly countActiveWithRole: (
      tenantId: TenantId,
      roles: ReadonlyArray<RoleName>
    ) => Effect.Effect<number>
  }
>()("@gatehouse/domain/UserRepository") {}
