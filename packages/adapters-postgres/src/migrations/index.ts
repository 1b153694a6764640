import { initial } from "./0001_initial.ts"
import { rowLevelSecurity } from "./0002_row_level_security.ts"
import { authentication } from "./0003_authentication.ts"
import { webhookClaims } from "./0004_webhook_claims.ts"
import { userCounts } from "./0005_user_counts.ts"
import { sessionWithUser } from "./0006_session_with_user.ts"
import { oneTimeTokens } from "./0009_one_time_tokens.ts"
import { webhooksOutbox } from "./0010_webhooks_outbox.ts"
import { overview } from "./0011_overview.ts"
import { userKindAndSetup } from "./0012_user_kind_and_setup.ts"
import { throttleByOrigin } from "./0013_throttle_by_origin.ts"
import { organizationFields } from "./0014_organization_fields.ts"
import { plpgsqlLookups } from "./0015_plpgsql_lookups.ts"
import { plpgsqlClaim } from "./0016_plpgsql_claim.ts"
import { membershipListing } from "./0017_membership_listing.ts"
import { userCountsByRoleAndKind } from "./0018_user_counts_by_role_and_kind.ts"
import { statisticsWhenGrown } from "./0019_statistics_when_grown.ts"
import { searchUsersRows } from "./0020_search_users_rows.ts"
import { sessionActor } from "./0021_session_actor.ts"

/** One forward-only schema change. Versions only grow; an applied migration is never edited. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** Every migration, in order. SQL kept in TS modules so the bundle carries it. */
export const migrations: ReadonlyArray<Migration> = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "row_level_security", sql: rowLevelSecurity },
  { version: 3, name: "authentication", sql: authentication },
  { version: 4, name: "webhook_claims", sql: webhookClaims },
  { version: 5, name: "user_counts", sql: userCounts },
  { version: 6, name: "session_with_user", sql: sessionWithUser },
  { version: 9, name: "one_time_tokens", sql: oneTimeTokens },
  { version: 10, name: "webhooks_outbox", sql: webhooksOutbox },
  { version: 11, name: "overview", sql: overview },
  { version: 12, name: "user_kind_and_setup", sql: userKindAndSetup },
  { version: 13, name: "throttle_by_origin", sql: throttleByOrigin },
  { version: 14, name: "organization_fields", sql: organizationFields },
  { version: 15, name: "plpgsql_lookups", sql: plpgsqlLookups },
  { version: 16, name: "plpgsql_claim", sql: plpgsqlClaim },
  { version: 17, name: "membership_listing", sql: membershipListing },
  { version: 18, name: "user_counts_by_role_and_kind", sql: userCountsByRoleAndKind },
  { version: 19, name: "statistics_when_grown", sql: statisticsWhenGrown },
  { version: 20, name: "search_users_rows", sql: searchUsersRows },
  { version: 21, name: "session_actor", sql: sessionActor }
]
