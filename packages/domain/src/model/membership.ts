import { Schema } from "effect"
import { OrganizationId, TenantId, UserId } from "./ids.ts"
import { RoleName } from "./role.ts"

/** A user's place in an organization. Unique per (organization, user). */
export const Membership = Schema.Struct({
  tenantId: TenantId,
  organizationId: OrganizationId,
  userId: UserId,
  role: RoleName,
  active: Schema.Boolean,
  /** From this instant on the membership grants nothing, whether or not a job has recorded it. */
  expiresAt: Schema.NullOr(Schema.Date),
  createdAt: Schema.Date,
  updatedAt: Schema.Date
})
export type Membership = typeof Membership.Type

/** A membership grants its role's permissions while active and before its expiry. */
export const isInEffect = (membership: Pick<Membership, "active" | "expiresAt">, now: Date): boolean =>
  membership.active && (membership.expiresAt === null || now.getTime() < membership.expiresAt.getTime())
