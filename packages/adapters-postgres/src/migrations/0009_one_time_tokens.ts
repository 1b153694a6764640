import { pinSearchPath, tenantPolicy } from "./policy.ts"

/**
 * One-time tokens of users (password reset and email verification links): one row per (tenant, user,
 * purpose), so a new token replaces the previous one in one upsert (the primary key serialises concurrent
 * requests: exactly one token remains). Only the SHA-256 of the secret is stored; rows go with their user.
 *
 * A token is presented without its tenant, so `findById` reads by id alone through a SECURITY DEFINER function
 * (the policy would hide the row before the tenant is known), like setup invitations; the caller verifies the
 * secret against the row before trusting it.
 */
export const oneTimeTokens = `
CREATE TABLE one_time_tokens (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
  id uuid NOT NULL,
  secret_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  used_at timestamptz,
  CONSTRAINT one_time_tokens_pkey PRIMARY KEY (tenant_id, user_id, purpose),
  CONSTRAINT one_time_tokens_id_key UNIQUE (id),
  CONSTRAINT one_time_tokens_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON one_time_tokens TO gatehouse_app;
${tenantPolicy("one_time_tokens")}

CREATE FUNCTION gatehouse_one_time_token_by_id(token_id uuid) RETURNS SETOF one_time_tokens
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 1
  AS $$ SELECT * FROM one_time_tokens WHERE id = token_id $$;
${pinSearchPath("gatehouse_one_time_token_by_id(uuid)")}
REVOKE ALL ON FUNCTION gatehouse_one_time_token_by_id(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_one_time_token_by_id(uuid) TO gatehouse_app;
`
