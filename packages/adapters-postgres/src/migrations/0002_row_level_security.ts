import { pinSearchPath, tenantPolicy } from "./policy.ts"

/** Every table that belongs to a tenant: each gets the isolation policy. */
const TENANT_TABLES = [
  "roles",
  "departments",
  "groups",
  "users",
  "user_groups",
  "organizations",
  "memberships",
  "audit_events"
] as const

/**
 * Row-level security as defence in depth: a statement sees and writes only the rows of the tenant its
 * transaction set in `app.tenant_id` (none without it). The application runs as `gatehouse_app` (the
 * drivers `SET ROLE` to it): not the owner, no BYPASSRLS, so the policies bind it even when the connecting
 * user is a superuser. The role is cluster-wide: create it once, tolerate a concurrent creator.
 *
 * The owner (the user that migrates) is deliberately not bound (no FORCE): PostgreSQL never uses an index
 * for a predicate that is not leakproof (LIKE) under a policy, so the trigram search runs in one SECURITY
 * DEFINER function, as the owner, restricted to the same `app.tenant_id` by its own WHERE clause.
 */
export const rowLevelSecurity = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
    CREATE ROLE gatehouse_app NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

DO $$
BEGIN
  -- A superuser may SET ROLE to any role; anyone else needs the membership.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT gatehouse_app TO %I', current_user);
  END IF;
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO gatehouse_app', current_schema());
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO gatehouse_app', current_schema());
END
$$;

GRANT SELECT, INSERT, UPDATE ON tenants TO gatehouse_app;
GRANT SELECT, INSERT, UPDATE, DELETE
  ON roles, departments, groups, users, user_groups, organizations, memberships TO gatehouse_app;
GRANT SELECT, INSERT ON audit_events TO gatehouse_app;
${TENANT_TABLES.map(tenantPolicy).join("\n")}

-- The ids of the current tenant's users whose "first last", display name or email (all lower-cased) is LIKE
-- the pattern: uses the trigram indexes, which a query under the policy cannot. Callers re-check the
-- predicate on the rows they read under the policy. EXECUTE plans with the pattern known (a generic plan
-- cannot tell a rare term from a common one and scans the table).
CREATE FUNCTION gatehouse_search_user_ids(pattern text) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
  AS $$
  BEGIN
    RETURN QUERY EXECUTE
      'SELECT id FROM users WHERE tenant_id = gatehouse_current_tenant()
         AND (name_key LIKE $1 OR display_key LIKE $1 OR email LIKE $1)'
      USING pattern;
  END
  $$;
${pinSearchPath("gatehouse_search_user_ids(text)")}
REVOKE ALL ON FUNCTION gatehouse_search_user_ids(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_search_user_ids(text) TO gatehouse_app;
`
