import { pinSearchPath } from "./policy.ts"

/**
 * A presented session and its user's status in one statement (`ActorDirectory.findSession`): every
 * authenticated request reads both, and each statement costs a round trip. By id alone, like
 * `gatehouse_session_by_id`: a SECURITY DEFINER function, because the token carries no tenant and the
 * policies would hide the rows before the tenant is known. The user is joined on the session's own
 * (tenant, user) key, so another tenant's row can never lend its status; `user_status` is NULL when the user
 * no longer exists. The caller verifies the token's secret against the row before trusting it.
 */
export const sessionWithUser = `
CREATE FUNCTION gatehouse_session_with_user(session_id uuid)
  RETURNS TABLE (
    tenant_id uuid,
    id uuid,
    user_id uuid,
    secret_hash text,
    scope text,
    created_at timestamptz,
    last_seen_at timestamptz,
    expires_at timestamptz,
    revoked_at timestamptz,
    user_status text
  )
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 1
  AS $$
    SELECT s.tenant_id, s.id, s.user_id, s.secret_hash, s.scope, s.created_at, s.last_seen_at, s.expires_at,
      s.revoked_at, u.status
    FROM sessions s LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
    WHERE s.id = session_id
  $$;
${pinSearchPath("gatehouse_session_with_user(uuid)")}
REVOKE ALL ON FUNCTION gatehouse_session_with_user(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_session_with_user(uuid) TO gatehouse_app;
`
