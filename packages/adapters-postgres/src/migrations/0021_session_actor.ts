import { definerFunction as definer } from "./policy.ts"

/**
 * Issue 17: `GET /v1/me` in one round trip (`ActorDirectory.findSessionActor`). The session check
 * (`gatehouse_session_with_user`) and the actor read (`ActorDirectory.load`, under the tenant's policies)
 * were two round trips; this function answers both in one statement: the session by id, its user's status,
 * and that user as an actor (the tenant, the user with its groups, the tenant's roles, the user's memberships
 * and their organizations as JSON arrays in `RoleRepository.list` and `listByUser` order), from one snapshot.
 *
 * By id alone, like `gatehouse_session_with_user`: the token carries no tenant, so the function runs with
 * definer rights and row-level security does not apply. Every table is therefore read on the session's own
 * tenant (`s.tenant_id`) and user (`s.user_id`) explicitly: the actor can only be the session's user, in the
 * session's tenant; no other tenant's row is ever joined. The actor columns are NULL when the user no longer
 * exists. The caller verifies the token's secret against the row before trusting anything in it.
 *
 * `plpgsql` with `RETURN QUERY` (its plan cached for the connection, as migration 15), `STABLE`, `ROWS 1`,
 * search path pinned, EXECUTE for the application role only. Output columns that share a name with a table
 * column are resolved as the table's (`#variable_conflict use_column`); every reference is qualified anyway.
 * Membership and organization timestamps in the JSON are epoch milliseconds (exact, whatever the time zone).
 */
export const sessionActor = `
CREATE FUNCTION gatehouse_session_actor(session_id uuid)
  RETURNS TABLE (
    s_tenant_id uuid,
    s_id uuid,
    s_user_id uuid,
    s_secret_hash text,
    s_scope text,
    s_created_at timestamptz,
    s_last_seen_at timestamptz,
    s_expires_at timestamptz,
    s_revoked_at timestamptz,
    user_status text,
    t_id uuid,
    t_slug text,
    t_name text,
    t_preset text,
    t_password_policy jsonb,
    t_settings jsonb,
    t_created_at timestamptz,
    t_updated_at timestamptz,
    t_version integer,
    tenant_id uuid,
    id uuid,
    email text,
    first_name text,
    last_name text,
    display_name text,
    phone text,
    language text,
    admin_notes text,
    role text,
    module_permissions text[],
    department_id uuid,
    status text,
    email_verified boolean,
    phone_verified boolean,
    must_change_password boolean,
    require_totp boolean,
    totp_enabled boolean,
    password_hash text,
    last_login_at timestamptz,
    created_at timestamptz,
    updated_at timestamptz,
    version integer,
    kind text,
    awaiting_setup boolean,
    group_ids text[],
    roles json,
    memberships json,
    organizations json
  )
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1
  AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY
      SELECT s.tenant_id, s.id, s.user_id, s.secret_hash, s.scope, s.created_at, s.last_seen_at, s.expires_at,
        s.revoked_at, u.status,
        t.id, t.slug, t.name, t.preset, t.password_policy, t.settings, t.created_at, t.updated_at, t.version,
        u.tenant_id, u.id, u.email, u.first_name, u.last_name, u.display_name, u.phone, u.language,
        u.admin_notes, u.role, u.module_permissions, u.department_id, u.status, u.email_verified,
        u.phone_verified, u.must_change_password, u.require_totp, u.totp_enabled, u.password_hash,
        u.last_login_at, u.created_at, u.updated_at, u.version, u.kind, u.awaiting_setup,
        CASE WHEN u.id IS NULL THEN NULL ELSE ARRAY(
          SELECT ug.group_id::text FROM user_groups ug
           WHERE ug.tenant_id = s.tenant_id AND ug.user_id = s.user_id ORDER BY ug.position) END,
        CASE WHEN u.id IS NULL THEN NULL ELSE (
          SELECT coalesce(json_agg(json_build_object('tenant_id', r.tenant_id, 'scope', r.scope,
                   'name', r.name, 'permissions', r.permissions, 'requires_totp', r.requires_totp,
                   'built_in', r.built_in) ORDER BY r.scope = 'organization', r.position), '[]'::json)
            FROM roles r WHERE r.tenant_id = s.tenant_id) END,
        CASE WHEN u.id IS NULL THEN NULL ELSE (
          SELECT coalesce(json_agg(json_build_object('tenant_id', m.tenant_id,
                   'organization_id', m.organization_id, 'user_id', m.user_id, 'role', m.role,
                   'active', m.active,
                   'expires_at', (extract(epoch FROM date_trunc('milliseconds', m.expires_at)) * 1000)::bigint,
                   'created_at', (extract(epoch FROM date_trunc('milliseconds', m.created_at)) * 1000)::bigint,
                   'updated_at', (extract(epoch FROM date_trunc('milliseconds', m.updated_at)) * 1000)::bigint)
                 ORDER BY m.position), '[]'::json)
            FROM memberships m WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id) END,
        CASE WHEN u.id IS NULL THEN NULL ELSE (
          SELECT coalesce(json_agg(json_build_object('tenant_id', o.tenant_id, 'id', o.id, 'name', o.name,
                   'slug', o.slug, 'company_name', o.company_name, 'tax_id', o.tax_id, 'status', o.status,
                   'kind', o.kind, 'pims_customer_code', o.pims_customer_code,
                   'pims_customer_name', o.pims_customer_name, 'price_code', o.price_code,
                   'created_at', (extract(epoch FROM date_trunc('milliseconds', o.created_at)) * 1000)::bigint,
                   'updated_at', (extract(epoch FROM date_trunc('milliseconds', o.updated_at)) * 1000)::bigint,
                   'version', o.version)
                 ORDER BY m.position), '[]'::json)
            FROM memberships m
            JOIN organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id
           WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id) END
      FROM sessions s
      LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
      LEFT JOIN tenants t ON t.id = s.tenant_id AND u.id IS NOT NULL
      WHERE s.id = gatehouse_session_actor.session_id;
  END
  $$;
${definer("gatehouse_session_actor(uuid)")}
`
