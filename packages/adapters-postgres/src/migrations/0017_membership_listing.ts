/**
 * Issue 18 item 6: the tenant-wide list of memberships (`GET /v1/memberships`) reads in the order expiry (soonest
 * first, memberships without one last), organization id, user id, with the keyset cursor a row comparison on
 * those columns. One full index in that order serves it, the "expiring within N days" filter (a range on
 * `expires_at`) and the home page's expiring memberships (which read the dated part of it); it replaces the
 * partial index of migration 0011, which held only the dated rows. An ascending btree keeps NULLs last, as the
 * list does.
 */
export const membershipListing = `
CREATE INDEX memberships_listing_idx ON memberships (tenant_id, expires_at, organization_id, user_id);
DROP INDEX memberships_expiry_idx;
`
