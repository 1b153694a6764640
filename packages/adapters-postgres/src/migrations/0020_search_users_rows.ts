import { definerFunction as definer } from "./policy.ts"

/** The current tenant's users whose "first last", display name or email (all lower-cased) is LIKE `pattern`. */
const matching = (
  columns: string,
  pattern: string
) => `SELECT ${columns} FROM users WHERE tenant_id = gatehouse_current_tenant()
         AND (name_key LIKE ${pattern} OR display_key LIKE ${pattern} OR email LIKE ${pattern})`

/**
 * Issue 17: the users list's search (bench row 3, "rare search term", 101 of 1,000,000 users) cost ~2.1-3.0 ms of
 * PostgreSQL CPU per statement, and its p99 was queueing behind it. Of that, the trigram candidates through
 * `gatehouse_search_user_ids` (EXECUTE: parsed and planned on every call) took ~1 ms, and reading the candidates
 * again by key (`u.id = ANY(ARRAY(...))`, 101 probes of `users_pkey`, ~450 buffers) most of the rest.
 *
 * `gatehouse_search_users` returns the matching rows themselves, so the listing reads them once; its body is a
 * static statement (parsed once per session) planned with the pattern known on every call
 * (`plan_cache_mode = force_custom_plan`, as EXECUTE did: a generic plan cannot tell a rare term from a common
 * one). `gatehouse_search_user_ids` (the memberships' search) gets the same static body; same signature, same
 * rows. Both stay SECURITY DEFINER with the pinned search path: no index serves LIKE under the row policy
 * (LIKE is not leakproof), so the function reads the table as its owner and filters by the tenant itself.
 */
export const searchUsersRows = `
CREATE FUNCTION gatehouse_search_users(pattern text) RETURNS SETOF users
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
  AS $$
  BEGIN
    RETURN QUERY ${matching("*", "gatehouse_search_users.pattern")};
  END
  $$;
${definer("gatehouse_search_users(text)")}
ALTER FUNCTION gatehouse_search_users(text) SET plan_cache_mode = force_custom_plan;

CREATE OR REPLACE FUNCTION gatehouse_search_user_ids(pattern text) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
  AS $$
  BEGIN
    RETURN QUERY ${matching("id", "gatehouse_search_user_ids.pattern")};
  END
  $$;
${definer("gatehouse_search_user_ids(text)")}
ALTER FUNCTION gatehouse_search_user_ids(text) SET plan_cache_mode = force_custom_plan;
`
