/**
 * Issue 13: 002's "Employees" and "External Users" tabs (`kind`, filtered by `GET /v1/users?kind=`), and users
 * disabled before finishing setup (`awaiting_setup`: kept while disabled or deactivated, so enabling or
 * restoring returns them to pending). Existing rows: every user is an employee; pending users await setup, and
 * so does a deactivated user without a password (restoring one returned them to pending before this column).
 * How `awaiting_setup` relates to the status is the domain's rule (like every store, this one keeps what it is
 * given). The kind filter is served with the status, as the tabs ask for "external and active" together.
 */
export const userKindAndSetup = `
ALTER TABLE users
  ADD COLUMN kind text COLLATE "C" NOT NULL DEFAULT 'employee' CHECK (kind IN ('employee', 'external')),
  ADD COLUMN awaiting_setup boolean NOT NULL DEFAULT false;
ALTER TABLE users ALTER COLUMN kind DROP DEFAULT, ALTER COLUMN awaiting_setup DROP DEFAULT;
UPDATE users SET awaiting_setup = true
  WHERE status = 'pending' OR (status = 'deactivated' AND password_hash IS NULL);
CREATE INDEX users_kind_idx ON users (tenant_id, kind, status);
`
