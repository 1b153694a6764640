import { tenantPolicy } from "./policy.ts"

/**
 * Users per (tenant, status), kept by triggers in the same transaction as the change, so a list's `total`
 * without a search or another filter is one row read instead of counting every user (`count(*)` over 100k
 * users costs ~10 ms of the server's CPU per request). Inserts and deletes are counted per statement (a bulk
 * insert of 1,000 users is one upsert per status, not 1,000); a status change per row, and only when the
 * status changes. Concurrent writers of one tenant's counter queue on its row until they commit.
 */
export const userCounts = `
CREATE TABLE user_counts (
  tenant_id uuid NOT NULL,
  status text COLLATE "C" NOT NULL,
  count bigint NOT NULL,
  CONSTRAINT user_counts_pkey PRIMARY KEY (tenant_id, status),
  CONSTRAINT user_counts_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
GRANT SELECT, INSERT, UPDATE ON user_counts TO gatehouse_app;
${tenantPolicy("user_counts")}

INSERT INTO user_counts (tenant_id, status, count)
  SELECT tenant_id, status, count(*) FROM users GROUP BY tenant_id, status;

CREATE FUNCTION gatehouse_count_inserted_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_counts AS c (tenant_id, status, count)
    SELECT tenant_id, status, count(*) FROM inserted GROUP BY tenant_id, status ORDER BY tenant_id, status
  ON CONFLICT (tenant_id, status) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$;

CREATE FUNCTION gatehouse_count_deleted_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE user_counts c SET count = c.count - d.n
    FROM (SELECT tenant_id, status, count(*) AS n FROM deleted GROUP BY tenant_id, status) d
    WHERE c.tenant_id = d.tenant_id AND c.status = d.status;
  RETURN NULL;
END
$$;

CREATE FUNCTION gatehouse_count_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- in a fixed order (the two statuses' rows), so two opposite changes cannot deadlock on the counters
  INSERT INTO user_counts AS c (tenant_id, status, count)
    SELECT NEW.tenant_id, s.status, s.delta
    FROM (VALUES (OLD.status, -1), (NEW.status, 1)) AS s (status, delta)
    ORDER BY s.status COLLATE "C"
  ON CONFLICT (tenant_id, status) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$;

CREATE TRIGGER users_count_inserted AFTER INSERT ON users
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_count_inserted_users();
CREATE TRIGGER users_count_deleted AFTER DELETE ON users
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_count_deleted_users();
CREATE TRIGGER users_count_status_change AFTER UPDATE OF status ON users
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION gatehouse_count_status_change();
`
