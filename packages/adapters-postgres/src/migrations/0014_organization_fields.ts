/**
 * Issue 13 item 2: an organization's portal slug (unique in its tenant), 004's company name and tax ID, its
 * status (`inactive`: its memberships grant nothing) and kind (`individual`: no member management). Existing
 * organizations are active business accounts, and get the slug the domain's `slugFromName` would give their
 * name (accents folded, lower-case ASCII runs joined by hyphens, at most 55 characters, `organization` when
 * nothing is left), made unique in the tenant in creation order with `-2`, `-3` ... The unique constraint is
 * what the repository's ON CONFLICT names.
 */
export const organizationFields = `
ALTER TABLE organizations
  ADD COLUMN slug text COLLATE "C",
  ADD COLUMN company_name text,
  ADD COLUMN tax_id text,
  ADD COLUMN status text COLLATE "C" NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  ADD COLUMN kind text COLLATE "C" NOT NULL DEFAULT 'business' CHECK (kind IN ('business', 'individual'));
ALTER TABLE organizations ALTER COLUMN status DROP DEFAULT, ALTER COLUMN kind DROP DEFAULT;
DO $$
DECLARE
  o record;
  base text;
  candidate text;
  n integer;
BEGIN
  FOR o IN SELECT tenant_id, id, name FROM organizations ORDER BY tenant_id, created_at, id LOOP
    base := lower(regexp_replace(normalize(o.name, NFKD), '[\\u0300-\\u036f]+', '', 'g'));
    base := trim(BOTH '-' FROM regexp_replace(base, '[^a-z0-9]+', '-', 'g'));
    base := rtrim(left(base, 55), '-');
    IF base = '' THEN base := 'organization'; END IF;
    candidate := base;
    n := 1;
    WHILE EXISTS (SELECT 1 FROM organizations WHERE tenant_id = o.tenant_id AND slug = candidate) LOOP
      n := n + 1;
      candidate := base || '-' || n;
    END LOOP;
    UPDATE organizations SET slug = candidate WHERE tenant_id = o.tenant_id AND id = o.id;
  END LOOP;
END
$$;
ALTER TABLE organizations ALTER COLUMN slug SET NOT NULL;
ALTER TABLE organizations ADD CONSTRAINT organizations_tenant_slug_key UNIQUE (tenant_id, slug);
`
