import type { RouteKey } from "./world.ts"

/**
 * The callers of the matrix, in the order of the table's columns.
 * - anonymous: no credentials; platform: the platform token as a bearer token.
 * - self: a caller naming themself where the route takes a user id: the Regular user on `/v1/users/{id}` and
 *   `/v1/groups/{id}/members/{userId}`, the portal admin on their own membership of orgA; adminSelf: the
 *   Admin naming themself on the same routes (rule 3's guards).
 * - regular, admin: staff of tenant A (weevio roles Regular and Admin); otherAdmin: the Admin of tenant B.
 * - disabled: the token an Admin of tenant A held before being disabled.
 * - passwordChange: an Admin's first login after an administrator set the password (scope password_change).
 * - portalAdmin: tenant role Portal User, organization Admin of orgA, acting on orgA; portalOtherOrg: the
 *   same person acting on orgB (routes that take an organization id only).
 */
export const COLUMNS = [
  "anonymous",
  "platform",
  "self",
  "adminSelf",
  "regular",
  "admin",
  "otherAdmin",
  "disabled",
  "passwordChange",
  "portalAdmin",
  "portalOtherOrg"
] as const
export type Column = (typeof COLUMNS)[number]

/** A success (or redirect) status, or `"<status> <code>"` of a problem, or `-` where the column does not apply. */
export type Cell = 200 | 201 | 202 | 204 | 302 | `${number} ${string}` | "-"
export type Row = readonly [RouteKey, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell]

const U = "401 UNAUTHENTICATED"
const F = "403 FORBIDDEN"
const NF = "404 NOT_FOUND"
const OWNROLE = "403 CANNOT_CHANGE_OWN_ROLE"
const SELFDEL = "403 CANNOT_DELETE_SELF"
const SELFOFF = "403 CANNOT_DISABLE_SELF"
const STATUS = "409 INVALID_STATUS_TRANSITION"
const NOTPEND = "409 USER_NOT_PENDING"
const NOENROL = "409 TOTP_NOT_PENDING"
const NOTOTP = "409 TOTP_NOT_ENABLED"
const NOTINV = "409 ESHOP_NOT_INVITED"
const TOKINV = "404 TOKEN_INVALID"
const EXTREQ = "409 EXTERNAL_CREDENTIALS_REQUIRED"
const __ = "-"

/**
 * The expected answer of every route to every caller, written by hand from DESIGN.md "HTTP API v1" and the
 * rules (1: another tenant's id is not found; 2: own profile; 3: no self-removal; 8: a password_change session
 * only completes its step). Tenant A's ids fill every path (see requests.ts `urlFor`). Each cell runs on the
 * state seeding left. Columns, abbreviated: anonymous, platform, self, adminSelf, regular, admin, otherAdmin,
 * disabled, passwordChange, portalAdmin, portalOtherOrg.
 */
// biome-ignore format: the matrix reads as a table
export const MATRIX: ReadonlyArray<Row> = [
  // route                                                               anon  plat  self     aSelf    reg      admin       other              disab  pwChg  portal   pOther
  ["GET /docs",                                                          200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["HEAD /docs/",                                                        200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /docs/static/index.html",                                        302,  302,  __,      __,      302,     302,        302,               302,   302,   302,     __],
  ["GET /docs/static/swagger-initializer.js",                            200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /docs/json",                                                     200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /docs/yaml",                                                     200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /docs/static/*",                                                 200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /healthz",                                                       200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /readyz",                                                        200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["GET /openapi.json",                                                  200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],

  ["POST /v1/auth/login",                                                200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["POST /v1/auth/logout",                                               204,  204,  __,      __,      204,     204,        204,               204,   204,   204,     __],
  ["POST /v1/auth/password-reset",                                       202,  202,  __,      __,      202,     202,        202,               202,   202,   202,     __],
  ["POST /v1/auth/password-reset/start",                                 TOKINV, TOKINV, __,    __,      TOKINV,  TOKINV,     TOKINV,            TOKINV, TOKINV, TOKINV, __],
  ["POST /v1/auth/password-reset/complete",                              TOKINV, TOKINV, __,    __,      TOKINV,  TOKINV,     TOKINV,            TOKINV, TOKINV, TOKINV, __],
  ["POST /v1/email-verification/complete",                               TOKINV, TOKINV, __,    __,      TOKINV,  TOKINV,     TOKINV,            TOKINV, TOKINV, TOKINV, __],

  ["GET /v1/me",                                                         U,    U,    __,      __,      200,     200,        200,               U,     200,   200,     __],
  ["PATCH /v1/me",                                                       U,    U,    __,      __,      200,     200,        200,               U,     F,     200,     __],
  ["POST /v1/me/password",                                               U,    U,    __,      __,      204,     204,        204,               U,     204,   204,     __],
  ["GET /v1/me/sessions",                                                U,    U,    __,      __,      200,     200,        200,               U,     F,     200,     __],
  ["DELETE /v1/me/sessions/:sessionId",                                  U,    U,    __,      __,      204,     NF,         NF,                U,     F,     NF,      __],
  ["POST /v1/me/mfa/totp",                                               U,    U,    __,      __,      200,     200,        200,               U,     F,     200,     __],
  ["POST /v1/me/mfa/totp/confirm",                                       U,    U,    __,      __,      NOENROL, NOENROL,    NOENROL,           U,     F,     NOENROL, __],
  ["DELETE /v1/me/mfa/totp",                                             U,    U,    __,      __,      NOTOTP,  NOTOTP,     NOTOTP,            U,     F,     NOTOTP,  __],
  ["POST /v1/me/mfa/totp/recovery-codes",                                U,    U,    __,      __,      NOTOTP,  NOTOTP,     NOTOTP,            U,     F,     NOTOTP,  __],
  ["GET /v1/me/external-credentials/:system",                            U,    U,    __,      __,      200,     200,        200,               U,     F,     200,     __],
  ["PUT /v1/me/external-credentials/:system",                            U,    U,    __,      __,      200,     200,        200,               U,     F,     200,     __],
  ["DELETE /v1/me/external-credentials/:system",                         U,    U,    __,      __,      204,     204,        204,               U,     F,     204,     __],
  ["POST /v1/me/email-verification",                                     U,    U,    __,      __,      202,     202,        202,               U,     F,     202,     __],
  ["GET /v1/me/external-credentials/:system/access",                     U,    U,    __,      __,      EXTREQ,  EXTREQ,     EXTREQ,            U,     F,     EXTREQ,  __],

  ["GET /v1/password-policy",                                            U,    U,    __,      __,      200,     200,        200,               U,     200,   200,     __],
  ["PUT /v1/password-policy",                                            U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["POST /v1/password-policy/check",                                     U,    U,    __,      __,      200,     200,        200,               U,     200,   200,     __],

  ["GET /v1/users",                                                      U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["POST /v1/users",                                                     U,    U,    __,      __,      F,       201,        201,               U,     F,     F,       __],
  ["POST /v1/users/import",                                              U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["POST /v1/users/bulk",                                                U,    U,    __,      __,      F,       "200 [ok]", "200 [NOT_FOUND]", U,     F,     F,       __],
  ["GET /v1/users/:id",                                                  U,    U,    200,     200,     F,       200,        NF,                U,     F,     F,       __],
  ["PATCH /v1/users/:id",                                                U,    U,    200,     200,     F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/users/:id",                                               U,    U,    F,       SELFDEL, F,       204,        NF,                U,     F,     F,       __],
  ["PUT /v1/users/:id/role",                                             U,    U,    F,       OWNROLE, F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/users/:id/disable",                                         U,    U,    F,       SELFOFF, F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/users/:id/enable",                                          U,    U,    F,       STATUS,  F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/users/:id/deactivate",                                      U,    U,    F,       SELFOFF, F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/users/:id/restore",                                         U,    U,    F,       STATUS,  F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/users/:id/password",                                        U,    U,    F,       F,       F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/users/:id/setup-link",                                      U,    U,    F,       NOTPEND, F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/users/:id/setup-link",                                    U,    U,    F,       NOTPEND, F,       200,        NF,                U,     F,     F,       __],
  ["GET /v1/users/:id/sessions",                                         U,    U,    F,       200,     F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/users/:id/sessions",                                      U,    U,    F,       200,     F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/users/:id/mfa/totp",                                      U,    U,    F,       F,       F,       204,        NF,                U,     F,     F,       __],
  ["GET /v1/users/:id/external-credentials/:system",                     U,    U,    200,     200,     F,       200,        NF,                U,     F,     F,       __],

  ["POST /v1/setup/start",                                               200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],
  ["POST /v1/setup/complete",                                            200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],

  ["GET /v1/organizations",                                              U,    U,    __,      __,      F,       200,        200,               U,     F,     200,     __],
  ["POST /v1/organizations",                                             U,    U,    __,      __,      F,       201,        201,               U,     F,     F,       __],
  ["GET /v1/organizations/:orgId",                                       U,    U,    __,      __,      F,       200,        NF,                U,     F,     200,     F],
  ["GET /v1/organizations/by-slug/:slug",                                U,    U,    __,      __,      F,       200,        NF,                U,     F,     200,     NF],
  ["PATCH /v1/organizations/:orgId",                                     U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       F],
  ["DELETE /v1/organizations/:orgId",                                    U,    U,    __,      __,      F,       204,        NF,                U,     F,     F,       F],
  // tenant-wide: members:read or members:manage tenant-wide; an organization's own Admin lists their organization instead
  ["GET /v1/memberships",                                                U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/organizations/:orgId/members",                               U,    U,    __,      __,      F,       200,        NF,                U,     F,     200,     F],
  ["POST /v1/organizations/:orgId/members",                              U,    U,    __,      __,      F,       201,        NF,                U,     F,     201,     F],
  ["PATCH /v1/organizations/:orgId/members/:userId",                     U,    U,    OWNROLE, NF,      F,       200,        NF,                U,     F,     200,     F],
  ["DELETE /v1/organizations/:orgId/members/:userId",                    U,    U,    SELFDEL, SELFDEL, F,       204,        NF,                U,     F,     204,     F],
  ["GET /v1/organizations/:orgId/eshop",                                 U,    U,    __,      __,      F,       200,        NF,                U,     F,     200,     F],
  ["GET /v1/organizations/:orgId/members/:userId/eshop",                 U,    U,    200,     NF,      F,       200,        NF,                U,     F,     200,     F],
  ["POST /v1/organizations/:orgId/members/:userId/eshop/invite",         U,    U,    200,     NF,      F,       200,        NF,                U,     F,     200,     F],
  ["POST /v1/organizations/:orgId/members/:userId/eshop/resend",         U,    U,    NOTINV,  NF,      F,       200,        NF,                U,     F,     200,     F],
  ["POST /v1/organizations/:orgId/members/:userId/eshop/revoke",         U,    U,    200,     NF,      F,       200,        NF,                U,     F,     200,     F],
  ["POST /v1/organizations/:orgId/members/:userId/eshop/activation-url", U,    U,    NOTINV,  NF,      F,       200,        NF,                U,     F,     200,     F],

  ["GET /v1/settings/external-credentials/:system",                      U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["PUT /v1/settings/external-credentials/:system",                      U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/settings/shopify",                                           U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["PUT /v1/settings/shopify",                                           U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/settings/account-recovery",                                  U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["PUT /v1/settings/account-recovery",                                  U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["POST /v1/webhooks/shopify/:tenantSlug",                              200,  200,  __,      __,      200,     200,        200,               200,   200,   200,     __],

  ["GET /v1/roles",                                                      U,    U,    __,      __,      200,     200,        200,               U,     F,     200,     __],
  ["GET /v1/groups",                                                     U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/groups/:id",                                                 U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/groups",                                                    U,    U,    __,      __,      F,       201,        201,               U,     F,     F,       __],
  ["PATCH /v1/groups/:id",                                               U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/groups/:id",                                              U,    U,    __,      __,      F,       204,        NF,                U,     F,     F,       __],
  ["PUT /v1/groups/:id/members/:userId",                                 U,    U,    F,       204,     F,       204,        NF,                U,     F,     F,       __],
  ["DELETE /v1/groups/:id/members/:userId",                              U,    U,    F,       204,     F,       204,        NF,                U,     F,     F,       __],
  ["GET /v1/departments",                                                U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/departments/:id",                                            U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/departments",                                               U,    U,    __,      __,      F,       201,        201,               U,     F,     F,       __],
  ["PATCH /v1/departments/:id",                                          U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/departments/:id",                                         U,    U,    __,      __,      F,       204,        NF,                U,     F,     F,       __],

  ["GET /v1/audit-events",                                               U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],

  ["GET /v1/webhooks",                                                   U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["POST /v1/webhooks",                                                  U,    U,    __,      __,      F,       201,        201,               U,     F,     F,       __],
  ["GET /v1/webhooks/:id",                                               U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["PATCH /v1/webhooks/:id",                                             U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["DELETE /v1/webhooks/:id",                                            U,    U,    __,      __,      F,       204,        NF,                U,     F,     F,       __],
  ["POST /v1/webhooks/:id/rotate-secret",                                U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/webhooks/:id/test",                                         U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["GET /v1/webhooks/:id/deliveries",                                    U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["POST /v1/webhooks/:id/deliveries/:deliveryId/retry",                 U,    U,    __,      __,      F,       200,        NF,                U,     F,     F,       __],
  ["GET /v1/events",                                                     U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/overview/users",                                             U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/overview/sign-ins",                                          U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],
  ["GET /v1/overview/expiring-memberships",                              U,    U,    __,      __,      F,       200,        200,               U,     F,     F,       __],

  ["POST /v1/tenants",                                                   U,    201,  __,      __,      U,       U,          U,                 U,     U,     U,       __],
  ["PUT /v1/tenants/:slug/external-credentials/:system",                 U,    200,  __,      __,      U,       U,          U,                 U,     U,     U,       __]
]
