import { pinSearchPath, tenantPolicy } from "./policy.ts"

/**
 * Outgoing webhooks: the endpoints, the transactional outbox of change events and their deliveries, and the
 * recorded membership expiries (the sweeper's memory). Not to be confused with `webhook_claims` (migration 4),
 * which de-duplicates INCOMING Shopify webhooks.
 *
 * - `outbox_events.seq` is the feed's order: the append takes a per-tenant transaction lock before the row
 *   gets its seq, so a tenant's events get their seq in commit order and a feed page never skips a row that
 *   commits later.
 * - Claims cross tenants (every server process dispatches for all of them): `gatehouse_claim_deliveries`
 *   runs as the owner (no policy binds it), takes due rows `FOR UPDATE SKIP LOCKED` and leases them.
 *   Everything else runs under the tenant policy.
 */
export const webhooksOutbox = `
CREATE TABLE webhooks (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  url text NOT NULL,
  events text[] NOT NULL,
  description text,
  enabled boolean NOT NULL,
  disabled_reason text,
  sealed_secret text NOT NULL,
  sealed_previous_secret text,
  previous_secret_expires_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT webhooks_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT webhooks_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE outbox_events (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  type text COLLATE "C" NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id uuid,
  data jsonb NOT NULL,
  CONSTRAINT outbox_events_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT outbox_events_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX outbox_events_feed_idx ON outbox_events (tenant_id, seq);

CREATE TABLE webhook_deliveries (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  webhook_id uuid NOT NULL,
  event_id uuid NOT NULL,
  event_seq bigint NOT NULL,
  event_type text COLLATE "C" NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL,
  last_status integer,
  last_error text,
  next_attempt_at timestamptz,
  lease uuid,
  lease_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT webhook_deliveries_webhook_fkey FOREIGN KEY (tenant_id, webhook_id)
    REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT webhook_deliveries_event_fkey FOREIGN KEY (tenant_id, event_id)
    REFERENCES outbox_events (tenant_id, id)
);
-- The claim's scan: pending rows only, oldest event first.
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (event_seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (tenant_id, webhook_id, event_seq DESC, id DESC);

CREATE TABLE membership_expiries (
  tenant_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT membership_expiries_pkey PRIMARY KEY (tenant_id, organization_id, user_id, expires_at),
  CONSTRAINT membership_expiries_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX memberships_expiry_sweep_idx ON memberships (expires_at) WHERE expires_at IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks, webhook_deliveries TO gatehouse_app;
GRANT SELECT, INSERT ON outbox_events, membership_expiries TO gatehouse_app;
${["webhooks", "outbox_events", "webhook_deliveries", "membership_expiries"].map(tenantPolicy).join("\n")}

-- Leases up to max_rows due deliveries of enabled webhooks, of every tenant, skipping rows another claim
-- holds; answers each with its event and webhook as JSON.
CREATE FUNCTION gatehouse_claim_deliveries(max_rows integer, at timestamptz, lease_until timestamptz)
  RETURNS SETOF jsonb
  LANGUAGE sql VOLATILE SECURITY DEFINER
  AS $$
  WITH due AS (
    SELECT d.tenant_id, d.id FROM webhook_deliveries d
      JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id
     WHERE d.status = 'pending' AND d.next_attempt_at <= at
       AND (d.lease_until IS NULL OR d.lease_until <= at) AND w.enabled
     ORDER BY d.event_seq
     LIMIT max_rows
     FOR UPDATE OF d SKIP LOCKED
  ), claimed AS (
    UPDATE webhook_deliveries d SET lease = gen_random_uuid(), lease_until = gatehouse_claim_deliveries.lease_until
      FROM due WHERE d.tenant_id = due.tenant_id AND d.id = due.id
    RETURNING d.*
  )
  SELECT jsonb_build_object('delivery', to_jsonb(c), 'event', to_jsonb(e), 'webhook', to_jsonb(w))
    FROM claimed c
    JOIN outbox_events e ON e.tenant_id = c.tenant_id AND e.id = c.event_id
    JOIN webhooks w ON w.tenant_id = c.tenant_id AND w.id = c.webhook_id
   ORDER BY c.event_seq
  $$;
${pinSearchPath("gatehouse_claim_deliveries(integer, timestamptz, timestamptz)")}
REVOKE ALL ON FUNCTION gatehouse_claim_deliveries(integer, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_claim_deliveries(integer, timestamptz, timestamptz) TO gatehouse_app;

-- Memberships of every tenant whose expiry has passed and is not recorded yet (the sweeper's work list).
CREATE FUNCTION gatehouse_due_membership_expiries(at timestamptz, max_rows integer)
  RETURNS SETOF memberships
  LANGUAGE sql STABLE SECURITY DEFINER
  AS $$
  SELECT m.* FROM memberships m
   WHERE m.expires_at IS NOT NULL AND m.expires_at <= at
     AND NOT EXISTS (
       SELECT 1 FROM membership_expiries x
        WHERE x.tenant_id = m.tenant_id AND x.organization_id = m.organization_id
          AND x.user_id = m.user_id AND x.expires_at = m.expires_at)
   ORDER BY m.expires_at
   LIMIT max_rows
  $$;
${pinSearchPath("gatehouse_due_membership_expiries(timestamptz, integer)")}
REVOKE ALL ON FUNCTION gatehouse_due_membership_expiries(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_due_membership_expiries(timestamptz, integer) TO gatehouse_app;
`
