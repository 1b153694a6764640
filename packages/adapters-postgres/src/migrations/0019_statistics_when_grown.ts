import { pinSearchPath } from "./policy.ts"

/**
 * Migration 18's `gatehouse_refresh_user_statistics()` analysed the users table after every bulk insert of 1,000
 * users or more, and an import inserts in batches of 1,000: on a table of 1.1 million users each ANALYZE (a
 * 30,000-row random sample) cost ~0.3 s, and `POST /v1/users/import` fell from ~9,300 to ~2,500 rows/s (bench row 4,
 * 2026-12-06). It now analyses only when the table has no statistics yet or has grown by a tenth in pages since
 * they were taken (autovacuum's default analyze scale factor); the planner scales a stale row count by the pages it
 * finds, so statistics of a table a tenth smaller still give the same plans. The trigram indexes' pending lists
 * are merged after every bulk insert as before (work an insert would do when the list is full anyway).
 */
export const statisticsWhenGrown = `
CREATE OR REPLACE FUNCTION gatehouse_refresh_user_statistics() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  AS $$
  DECLARE
    analysed_pages integer;
    analysed_rows real;
  BEGIN
    SELECT relpages, reltuples INTO analysed_pages, analysed_rows FROM pg_class WHERE oid = 'users'::regclass;
    IF analysed_rows < 0
      OR pg_relation_size('users'::regclass) / current_setting('block_size')::bigint > analysed_pages * 1.1 THEN
      ANALYZE users;
    END IF;
    PERFORM gin_clean_pending_list('users_name_search_idx'::regclass);
    PERFORM gin_clean_pending_list('users_display_search_idx'::regclass);
    PERFORM gin_clean_pending_list('users_email_search_idx'::regclass);
  END
  $$;
${pinSearchPath("gatehouse_refresh_user_statistics()")}
`
