/** Row-level security on a tenant table: rows of the transaction's `app.tenant_id` only, for every command. */
export const tenantPolicy = (table: string): string => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant_isolation ON ${table}
  USING (tenant_id = gatehouse_current_tenant())
  WITH CHECK (tenant_id = gatehouse_current_tenant());`

/**
 * Pins the search path of a SECURITY DEFINER function to this schema and the catalogue (a definer function
 * must not resolve names through a schema its caller controls).
 */
export const pinSearchPath = (signature: string): string => `
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION ${signature} SET search_path = %I, pg_catalog, pg_temp', current_schema());
END
$$;`

/**
 * A SECURITY DEFINER function's search path pinned (CREATE OR REPLACE resets a function's SET clauses) and its
 * grants stated: the application role may call it, PUBLIC may not.
 */
export const definerFunction = (signature: string): string => `${pinSearchPath(signature)}
REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ${signature} TO gatehouse_app;`
