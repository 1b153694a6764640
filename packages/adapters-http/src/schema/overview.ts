import { OrganizationId, PageLimit, RoleName, UserId } from "@gatehouse/domain"
import { Schema } from "effect"

const DayCount = (maximum: number) => Schema.Int.check(Schema.isBetween({ minimum: 1, maximum }))

/** `GET /v1/overview/sign-ins`: how many days back, today included (default 30). */
export const SignInsQuery = Schema.Struct({ days: Schema.optionalKey(DayCount(90)) })

/** `GET /v1/overview/expiring-memberships`: the window in days from now (default 14) and the page size. */
export const ExpiringMembershipsQuery = Schema.Struct({
  days: Schema.optionalKey(DayCount(366)),
  limit: Schema.optionalKey(PageLimit)
})

export const UsersOverviewResponse = Schema.Struct({
  byStatus: Schema.Struct({
    pending: Schema.Int,
    active: Schema.Int,
    disabled: Schema.Int,
    deactivated: Schema.Int
  }),
  total: Schema.Int,
  pendingInvitations: Schema.Int
})

export const SignInsResponse = Schema.Struct({
  /** Oldest first, one entry per UTC day (`YYYY-MM-DD`), zero when nobody signed in. */
  days: Schema.Array(Schema.Struct({ day: Schema.String, count: Schema.Int }))
})

export const ExpiringMembershipsResponse = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      organization: Schema.Struct({ id: OrganizationId, name: Schema.String }),
      user: Schema.Struct({
        id: UserId,
        firstName: Schema.String,
        lastName: Schema.String,
        email: Schema.String
      }),
      role: RoleName,
      active: Schema.Boolean,
      expiresAt: Schema.Date
    })
  ),
  total: Schema.Int
})
