import { pinSearchPath } from "./policy.ts"

/**
 * Issue 18 (the users grid on 100,000 users): the counters of migration 0005 per (tenant, status, role, kind)
 * instead of (tenant, status), so the Total Users footer of a grid filtered by role, kind (002's tabs) or status is
 * one small read of the tenant's counters instead of a `count(*)` over the tenant's users (86-140 ms for
 * `role=Regular` over 100,000 users on PGlite). Counted as before, in the writing transaction: inserts and deletes
 * per statement, a change of status, role or kind per row (minus one for the old key, plus one for the new, in
 * the keys' order so two opposite changes cannot deadlock). The counters are recounted from the users.
 *
 * `gatehouse_refresh_user_statistics()`, called after a bulk insert of users: PGlite has no autovacuum, so a
 * bulk-imported users table was never analysed (the planner then sorted every user of a role filter instead of
 * walking the name index: 0.1-0.2 s a page) and its trigram indexes' pending lists were never merged (each search
 * read them through: ~130 ms, 10-20 ms merged). It analyses the users and merges the three pending lists; on a
 * server autovacuum would do both later. A definer function: only the owner may, and it is all the app may.
 */
export const userCountsByRoleAndKind = `
ALTER TABLE user_counts DROP CONSTRAINT user_counts_pkey;
DELETE FROM user_counts;
ALTER TABLE user_counts ADD COLUMN role text COLLATE "C" NOT NULL, ADD COLUMN kind text COLLATE "C" NOT NULL;
ALTER TABLE user_counts ADD CONSTRAINT user_counts_pkey PRIMARY KEY (tenant_id, status, role, kind);
INSERT INTO user_counts (tenant_id, status, role, kind, count)
  SELECT tenant_id, status, role, kind, count(*) FROM users GROUP BY tenant_id, status, role, kind;

CREATE OR REPLACE FUNCTION gatehouse_count_inserted_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_counts AS c (tenant_id, status, role, kind, count)
    SELECT tenant_id, status, role, kind, count(*) FROM inserted
    GROUP BY tenant_id, status, role, kind ORDER BY tenant_id, status, role, kind
  ON CONFLICT (tenant_id, status, role, kind) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION gatehouse_count_deleted_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE user_counts c SET count = c.count - d.n
    FROM (SELECT tenant_id, status, role, kind, count(*) AS n FROM deleted GROUP BY tenant_id, status, role, kind) d
    WHERE c.tenant_id = d.tenant_id AND c.status = d.status AND c.role = d.role AND c.kind = d.kind;
  RETURN NULL;
END
$$;

DROP TRIGGER users_count_status_change ON users;
DROP FUNCTION gatehouse_count_status_change();
CREATE FUNCTION gatehouse_count_changed_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_counts AS c (tenant_id, status, role, kind, count)
    SELECT NEW.tenant_id, s.status, s.role, s.kind, s.delta
    FROM (VALUES (OLD.status, OLD.role, OLD.kind, -1), (NEW.status, NEW.role, NEW.kind, 1))
      AS s (status, role, kind, delta)
    ORDER BY s.status COLLATE "C", s.role COLLATE "C", s.kind COLLATE "C"
  ON CONFLICT (tenant_id, status, role, kind) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_count_change AFTER UPDATE OF status, role, kind ON users
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.role IS DISTINCT FROM NEW.role
    OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION gatehouse_count_changed_user();

CREATE FUNCTION gatehouse_refresh_user_statistics() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  AS $$
  BEGIN
    ANALYZE users;
    PERFORM gin_clean_pending_list('users_name_search_idx'::regclass);
    PERFORM gin_clean_pending_list('users_display_search_idx'::regclass);
    PERFORM gin_clean_pending_list('users_email_search_idx'::regclass);
  END
  $$;
${pinSearchPath("gatehouse_refresh_user_statistics()")}
REVOKE ALL ON FUNCTION gatehouse_refresh_user_statistics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gatehouse_refresh_user_statistics() TO gatehouse_app;
`
