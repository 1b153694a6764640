import { tenantPolicy } from "./policy.ts"

/**
 * Issue 12, items 2-3: the throttle per (account, client address) and the account lock that ends by itself.
 * - `failed_attempts` stays the per-account row (consecutive failures from every address) and gains
 *   `locked_until`: the account lock, in force until then (no lock lasts for good).
 * - `failed_attempts_by_origin`: the strict per-address counts. Keyed by the account like `failed_attempts`
 *   (a user's id, or the key of an unknown email), hence no foreign key to users; reserved in one upsert whose
 *   WHERE decides the wait, so concurrent attempts from one address get at most the free ones.
 * - `sign_in_origins`: the few addresses each user signed in from (the account lock spares them); rows go with
 *   their user.
 * Existing counts carry over as the account's; an account that had reached 100 failures (locked for good
 * before) is locked for one more hour from now.
 */
export const throttleByOrigin = `
ALTER TABLE failed_attempts ADD COLUMN locked_until timestamptz;
UPDATE failed_attempts SET locked_until = now() + interval '1 hour' WHERE failures >= 100;

CREATE TABLE failed_attempts_by_origin (
  tenant_id uuid NOT NULL,
  account_id uuid NOT NULL,
  origin text COLLATE "C" NOT NULL,
  failures integer NOT NULL,
  last_failure_at timestamptz,
  CONSTRAINT failed_attempts_by_origin_pkey PRIMARY KEY (tenant_id, account_id, origin),
  CONSTRAINT failed_attempts_by_origin_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE sign_in_origins (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  origin text COLLATE "C" NOT NULL,
  last_success_at timestamptz NOT NULL,
  CONSTRAINT sign_in_origins_pkey PRIMARY KEY (tenant_id, user_id, origin),
  CONSTRAINT sign_in_origins_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON failed_attempts_by_origin, sign_in_origins TO gatehouse_app;
${tenantPolicy("failed_attempts_by_origin")}
${tenantPolicy("sign_in_origins")}
`
