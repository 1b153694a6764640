import { definerFunction } from "./policy.ts"

/**
 * Issue 17: the webhook dispatcher's claim, `gatehouse_claim_deliveries`, in `plpgsql` with `RETURN QUERY`,
 * same signature, rows, volatility, definer rights, pinned search path and grants as migration 10. It was the
 * last SECURITY DEFINER function in `LANGUAGE sql`: such a function is never inlined, and PostgreSQL before 18
 * plans its body on every call (every poll and wake-up of every server process); a `plpgsql` statement's plan
 * is cached for the session. Parameters are named through the function (`gatehouse_claim_deliveries.at`):
 * `lease_until` is also a column of `webhook_deliveries`, and `plpgsql` refuses an ambiguous name.
 */
export const plpgsqlClaim = `
CREATE OR REPLACE FUNCTION gatehouse_claim_deliveries(max_rows integer, at timestamptz, lease_until timestamptz)
  RETURNS SETOF jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  AS $$
  BEGIN
    RETURN QUERY
      WITH due AS (
        SELECT d.tenant_id, d.id FROM webhook_deliveries d
          JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= gatehouse_claim_deliveries.at
           AND (d.lease_until IS NULL OR d.lease_until <= gatehouse_claim_deliveries.at) AND w.enabled
         ORDER BY d.event_seq
         LIMIT gatehouse_claim_deliveries.max_rows
         FOR UPDATE OF d SKIP LOCKED
      ), claimed AS (
        UPDATE webhook_deliveries d
           SET lease = gen_random_uuid(), lease_until = gatehouse_claim_deliveries.lease_until
          FROM due WHERE d.tenant_id = due.tenant_id AND d.id = due.id
        RETURNING d.*
      )
      SELECT jsonb_build_object('delivery', to_jsonb(c), 'event', to_jsonb(e), 'webhook', to_jsonb(w))
        FROM claimed c
        JOIN outbox_events e ON e.tenant_id = c.tenant_id AND e.id = c.event_id
        JOIN webhooks w ON w.tenant_id = c.tenant_id AND w.id = c.webhook_id
       ORDER BY c.event_seq;
  END
  $$;
${definerFunction("gatehouse_claim_deliveries(integer, timestamptz, timestamptz)")}
`
