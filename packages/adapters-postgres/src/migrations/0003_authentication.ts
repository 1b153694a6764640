import { pinSearchPath, tenantPolicy } from "./policy.ts"

const TABLES = [
  "sessions",
  "invitations",
  "totp_enrollments",
  "failed_attempts",
  "external_credentials",
  "external_credential_settings",
  "shopify_settings"
] as const

/**
 * Sessions, setup invitations, TOTP enrolments, failed-attempt counters, external credentials and the Shopify
 * connection. Rows of a user go with the user (foreign keys cascade), except the failure counters (see there). Secrets are never stored: token hashes
 * and SecretBox-sealed strings only.
 *
 * A session or setup token is presented without its tenant, so `findById` of those two ports reads by id
 * alone, through a SECURITY DEFINER function (the policies would hide the row before the tenant is known);
 * the caller verifies the token's secret against the row before trusting it.
 */
export const authentication = `
CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  secret_hash text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('full', 'password_change', 'mfa_enrollment')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CONSTRAINT sessions_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT sessions_id_key UNIQUE (id),
  CONSTRAINT sessions_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id, created_at DESC, id DESC);

CREATE TABLE invitations (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  secret_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'accepted', 'revoked', 'expired')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  accepted_at timestamptz,
  CONSTRAINT invitations_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT invitations_id_key UNIQUE (id),
  CONSTRAINT invitations_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX invitations_user_idx ON invitations (tenant_id, user_id, created_at DESC, id DESC);

CREATE TABLE totp_enrollments (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  sealed_secret text NOT NULL,
  confirmed boolean NOT NULL,
  last_used_step bigint,
  recovery_code_hashes text[] NOT NULL,
  created_at timestamptz NOT NULL,
  CONSTRAINT totp_enrollments_pkey PRIMARY KEY (tenant_id, user_id),
  CONSTRAINT totp_enrollments_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- Keyed by the account: a user's id, or for an email that names no user the key login derives from it (so
-- unknown accounts are throttled alike). Hence no foreign key to users.
CREATE TABLE failed_attempts (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  failures integer NOT NULL,
  last_failure_at timestamptz,
  CONSTRAINT failed_attempts_pkey PRIMARY KEY (tenant_id, user_id),
  CONSTRAINT failed_attempts_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE external_credentials (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  system text NOT NULL,
  username text NOT NULL,
  sealed_password text NOT NULL,
  status text NOT NULL CHECK (status IN ('saved', 'connected')),
  updated_at timestamptz NOT NULL,
  CONSTRAINT external_credentials_pkey PRIMARY KEY (tenant_id, user_id, system),
  CONSTRAINT external_credentials_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE external_credential_settings (
  tenant_id uuid NOT NULL,
  system text NOT NULL,
  verify_url text,
  default_username text,
  default_sealed_password text,
  updated_at timestamptz NOT NULL,
  CONSTRAINT external_credential_settings_pkey PRIMARY KEY (tenant_id, system),
  CONSTRAINT external_credential_settings_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT external_credential_settings_default_check
    CHECK ((default_username IS NULL) = (default_sealed_password IS NULL))
);

CREATE TABLE shopify_settings (
  tenant_id uuid NOT NULL,
  shop_domain text NOT NULL,
  sealed_access_token text NOT NULL,
  api_version text NOT NULL,
  endpoint text,
  sealed_webhook_secret text,
  sealed_previous_webhook_secret text,
  webhook_secret_rotated_at timestamptz,
  tag_formats jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT shopify_settings_pkey PRIMARY KEY (tenant_id),
  CONSTRAINT shopify_settings_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(", ")} TO gatehouse_app;
${TABLES.map(tenantPolicy).join("\n")}

CREATE FUNCTION gatehouse_session_by_id(session_id uuid) RETURNS SETOF sessions
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 1
  AS $$ SELECT * FROM sessions WHERE id = session_id $$;
${pinSearchPath("gatehouse_session_by_id(uuid)")}
REVOKE ALL ON FUNCTION gatehouse_session_by_id(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_session_by_id(uuid) TO gatehouse_app;

CREATE FUNCTION gatehouse_invitation_by_id(invitation_id uuid) RETURNS SETOF invitations
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 1
  AS $$ SELECT * FROM invitations WHERE id = invitation_id $$;
${pinSearchPath("gatehouse_invitation_by_id(uuid)")}
REVOKE ALL ON FUNCTION gatehouse_invitation_by_id(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_invitation_by_id(uuid) TO gatehouse_app;
`
