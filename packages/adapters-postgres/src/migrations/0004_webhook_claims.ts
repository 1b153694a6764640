import { tenantPolicy } from "./policy.ts"

/**
 * Webhook deliveries already claimed, shared by every server node (Shopify delivers at least once and retries
 * a delivery it saw no 200 for). A claim is one row per (tenant, webhook id) until `expires_at`; the claim
 * statement decides "first time" by the primary key, and prunes a few expired rows of the tenant as it goes
 * (the index on expiry finds them).
 */
export const webhookClaims = `
CREATE TABLE webhook_claims (
  tenant_id uuid NOT NULL,
  webhook_id text COLLATE "C" NOT NULL,
  received_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT webhook_claims_pkey PRIMARY KEY (tenant_id, webhook_id),
  CONSTRAINT webhook_claims_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX webhook_claims_expiry_idx ON webhook_claims (tenant_id, expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_claims TO gatehouse_app;
${tenantPolicy("webhook_claims")}
`
