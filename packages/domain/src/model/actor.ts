import type { TenantId, UserId } from "./ids.ts"

/** What a session lets its holder do: everything, or only the one step they must take first. */
export type SessionScope = "full" | "password_change" | "mfa_enrollment"

/**
 * Who is calling a use case. Identity comes only from an authenticated session (never from a request body);
 * permissions are recomputed from the current state by every use case (rule 7).
 */
export type Actor =
  | {
      readonly _tag: "User"
      readonly tenantId: TenantId
      readonly userId: UserId
      readonly scope: SessionScope
    }
  /** The platform operator (the `GATEHOUSE_PLATFORM_TOKEN`), who may create tenants. */
  | { readonly _tag: "Platform" }

export const userActor = (tenantId: TenantId, userId: UserId, scope: SessionScope = "full"): Actor => ({
  _tag: "User",
  tenantId,
  userId,
  scope
})

export const platformActor: Actor = { _tag: "Platform" }
