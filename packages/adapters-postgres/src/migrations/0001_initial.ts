/**
 * Tenants, roles, users, organizations, memberships, groups, departments and the audit trail.
 *
 * Conventions: ids come from the application (UUIDv7, no `uuidv7()` on PostgreSQL 15); every tenant table
 * has `tenant_id` first in its primary key and in every foreign key, so no row can point across tenants;
 * `*_key` columns hold lower-cased text computed by the application (JavaScript `toLowerCase`), compared
 * with `COLLATE "C"` (code-unit order for the BMP), so SQL orders exactly like the domain's rules.
 */
export const initial = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The tenant the current transaction acts for; NULL (no rows) when the setting is absent or empty.
CREATE FUNCTION gatehouse_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id uuid NOT NULL,
  slug text COLLATE "C" NOT NULL,
  name text NOT NULL,
  preset text NOT NULL,
  password_policy jsonb NOT NULL,
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  CONSTRAINT tenants_pkey PRIMARY KEY (id),
  CONSTRAINT tenants_slug_key UNIQUE (slug)
);

CREATE TABLE roles (
  tenant_id uuid NOT NULL,
  scope text NOT NULL CHECK (scope IN ('tenant', 'organization')),
  name text COLLATE "C" NOT NULL,
  permissions text[] NOT NULL,
  requires_totp boolean NOT NULL,
  built_in boolean NOT NULL,
  position bigint GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT roles_pkey PRIMARY KEY (tenant_id, scope, name),
  CONSTRAINT roles_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE departments (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  name_key text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT departments_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT departments_tenant_name_key UNIQUE (tenant_id, name_key),
  CONSTRAINT departments_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE groups (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  name_key text COLLATE "C" NOT NULL,
  description text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT groups_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT groups_tenant_name_key UNIQUE (tenant_id, name_key),
  CONSTRAINT groups_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE users (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  email text COLLATE "C" NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  display_name text,
  phone text,
  language text,
  admin_notes text,
  role text COLLATE "C" NOT NULL,
  module_permissions text[] NOT NULL,
  department_id uuid,
  status text NOT NULL CHECK (status IN ('pending', 'active', 'disabled', 'deactivated')),
  email_verified boolean NOT NULL,
  phone_verified boolean NOT NULL,
  must_change_password boolean NOT NULL,
  require_totp boolean NOT NULL,
  totp_enabled boolean NOT NULL,
  password_hash text,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  -- lower("first last") and lower(display name), computed by the application: the sort and search keys.
  name_key text COLLATE "C" NOT NULL,
  display_key text COLLATE "C" NOT NULL,
  CONSTRAINT users_pkey PRIMARY KEY (tenant_id, id),
  -- Emails are stored normalised (trimmed, lower-cased): one account per address and tenant, any casing.
  CONSTRAINT users_tenant_email_key UNIQUE (tenant_id, email),
  CONSTRAINT users_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT users_department_fkey FOREIGN KEY (tenant_id, department_id)
    REFERENCES departments (tenant_id, id) ON DELETE SET NULL (department_id)
);
CREATE INDEX users_name_idx ON users (tenant_id, name_key, id);
CREATE INDEX users_created_idx ON users (tenant_id, created_at, id);
CREATE INDEX users_last_login_idx ON users (tenant_id, last_login_at DESC NULLS LAST, id);
CREATE INDEX users_role_idx ON users (tenant_id, role, status);
CREATE INDEX users_department_idx ON users (tenant_id, department_id) WHERE department_id IS NOT NULL;
-- Substring search (LIKE '%term%'): one trigram index per column, which the planner costs far better than
-- one multi-column GIN index (measured: it preferred a sequential scan over the latter).
CREATE INDEX users_name_search_idx ON users USING gin (name_key gin_trgm_ops);
CREATE INDEX users_display_search_idx ON users USING gin (display_key gin_trgm_ops);
CREATE INDEX users_email_search_idx ON users USING gin (email gin_trgm_ops);

CREATE TABLE user_groups (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  group_id uuid NOT NULL,
  -- Keeps User.groupIds in the order it was stored.
  position integer NOT NULL,
  CONSTRAINT user_groups_pkey PRIMARY KEY (tenant_id, user_id, group_id),
  CONSTRAINT user_groups_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT user_groups_group_fkey FOREIGN KEY (tenant_id, group_id)
    REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_groups_group_idx ON user_groups (tenant_id, group_id);

CREATE TABLE organizations (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  name_key text COLLATE "C" NOT NULL,
  pims_customer_code text,
  pims_customer_name text,
  price_code text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  CONSTRAINT organizations_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT organizations_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX organizations_name_idx ON organizations (tenant_id, name_key, id);

CREATE TABLE memberships (
  tenant_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text COLLATE "C" NOT NULL,
  active boolean NOT NULL,
  expires_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint GENERATED ALWAYS AS IDENTITY,
  -- One membership per (organization, user): the store reports AlreadyMember.
  CONSTRAINT memberships_pkey PRIMARY KEY (tenant_id, organization_id, user_id),
  CONSTRAINT memberships_organization_fkey FOREIGN KEY (tenant_id, organization_id)
    REFERENCES organizations (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT memberships_user_fkey FOREIGN KEY (tenant_id, user_id)
    REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX memberships_user_idx ON memberships (tenant_id, user_id);

-- Append-only: the application role may insert and read, never update nor delete. No foreign keys: events
-- outlive their actors and targets.
CREATE TABLE audit_events (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL,
  CONSTRAINT audit_events_pkey PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_at_idx ON audit_events (tenant_id, at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (tenant_id, actor_id, at DESC);
CREATE INDEX audit_events_target_idx ON audit_events (tenant_id, target_id, at DESC);
`
