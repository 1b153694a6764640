import { assert, describe, it } from "@effect/vitest"
import { nistPolicy } from "@gatehouse/domain"
import type { Schema } from "effect"
import {
  AUDIT_COLUMNS,
  AuditRow,
  DepartmentRow,
  GroupRow,
  MEMBERSHIP_COLUMNS,
  MembershipRow,
  ORGANIZATION_COLUMNS,
  OrganizationRow,
  ROLE_COLUMNS,
  RoleRow,
  SESSION_COLUMNS,
  SessionRow,
  TENANT_COLUMNS,
  TenantRow,
  toAuditEvent,
  toDepartment,
  toGroup,
  toMembership,
  toOrganization,
  toRole,
  toSession,
  toTenant,
  toUser,
  USER_COLUMNS,
  UserRow
} from "../src/repositories/rows.ts"

const at = new Date("2026-03-01T10:00:00.123Z")
const tenantId = "0196a1b2-0000-7000-8000-000000000001"
const userId = "0196a1b2-0000-7000-8000-000000000002"
const organizationId = "0196a1b2-0000-7000-8000-000000000003"
const groupId = "0196a1b2-0000-7000-8000-000000000004"

const userRow: UserRow = {
  tenant_id: tenantId,
  id: userId,
  email: "ada@example.com",
  first_name: "Ada",
  last_name: "Lovelace",
  display_name: null,
  phone: "+14155550123",
  language: "en-US",
  admin_notes: null,
  role: "Admin",
  module_permissions: ["module:orders"],
  department_id: null,
  status: "active",
  email_verified: true,
  phone_verified: false,
  must_change_password: false,
  require_totp: false,
  totp_enabled: false,
  password_hash: null,
  last_login_at: null,
  created_at: at,
  updated_at: at,
  version: 3,
  kind: "employee",
  awaiting_setup: false,
  group_ids: [groupId]
}

/** A table's `RowDecoder`, whatever its row (methods: their parameters compare both ways). */
interface AnyDecoder {
  checked(row: object): unknown
  decodeFully(row: object): unknown
}

// One valid row per table, with its decoder and its row Schema.
const tables: ReadonlyArray<{
  readonly row: Record<string, unknown>
  readonly schema: Schema.Struct<Schema.Struct.Fields>
  readonly decode: AnyDecoder
}> = [
  { schema: UserRow, decode: toUser, row: userRow },
  {
    schema: TenantRow,
    decode: toTenant,
    row: {
      id: tenantId,
      slug: "acme",
      name: "Acme",
      preset: "weevio",
      password_policy: nistPolicy,
      settings: { invitationTtlHours: 72 },
      created_at: at,
      updated_at: at,
      version: 1
    }
  },
  {
    schema: RoleRow,
    decode: toRole,
    row: {
      tenant_id: tenantId,
      scope: "tenant",
      name: "Admin",
      permissions: ["users:read"],
      requires_totp: false,
      built_in: true
    }
  },
  {
    schema: OrganizationRow,
    decode: toOrganization,
    row: {
      tenant_id: tenantId,
      id: organizationId,
      name: "Acme Shop",
      slug: "acme-shop",
      company_name: null,
      tax_id: null,
      status: "active",
      kind: "business",
      pims_customer_code: null,
      pims_customer_name: null,
      price_code: "P1",
      created_at: at,
      updated_at: at,
      version: 1
    }
  },
  {
    schema: MembershipRow,
    decode: toMembership,
    row: {
      tenant_id: tenantId,
      organization_id: organizationId,
      user_id: userId,
      role: "Buyer",
      active: true,
      expires_at: null,
      created_at: at,
      updated_at: at
    }
  },
  {
    schema: GroupRow,
    decode: toGroup,
    row: { tenant_id: tenantId, id: groupId, name: "Ops", description: null, created_at: at, updated_at: at }
  },
  {
    schema: DepartmentRow,
    decode: toDepartment,
    row: { tenant_id: tenantId, id: groupId, name: "Ops", created_at: at, updated_at: at }
  },
  {
    schema: AuditRow,
    decode: toAuditEvent,
    row: {
      tenant_id: tenantId,
      id: groupId,
      at,
      actor_kind: "user",
      actor_id: userId,
      action: "user.created",
      target_type: "user",
      target_id: userId,
      details: { fields: ["email"], count: 1 }
    }
  },
  {
    schema: SessionRow,
    decode: toSession,
    row: {
      tenant_id: tenantId,
      id: groupId,
      user_id: userId,
      secret_hash: "ab".repeat(32),
      scope: "full",
      created_at: at,
      last_seen_at: at,
      expires_at: at,
      revoked_at: null
    }
  }
]

const throws = (f: () => unknown): string => {
  try {
    f()
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  return assert.fail("expected a throw")
}

describe("rows: one Schema per table", () => {
  it("the tests decode every row through its whole Schema (GATEHOUSE_ROW_CHECKS=full)", () => {
    assert.strictEqual(process.env.GATEHOUSE_ROW_CHECKS, "full")
    const invalidEmail = { ...userRow, email: "not an email" }
    // The request path's check is the row's shape: it lets a domain-invalid value through...
    assert.strictEqual(toUser.checked(invalidEmail).email, "not an email")
    // ...which the full decoding, the one the tests run, refuses, naming the domain field.
    assert.match(
      throws(() => toUser(invalidEmail)),
      /users.*\["email"\]/s
    )
  })

  it("a valid row decodes to the same domain object both ways, with no extra keys", () => {
    for (const { row, decode } of tables) {
      const withExtra = { ...row, total_count: 7, position: 1 }
      const full = decode.decodeFully(withExtra)
      assert.deepStrictEqual(decode.checked(withExtra), full)
      assert.strictEqual(Object.keys(full as object).length, Object.keys(row).length)
      assert.notProperty(full, "total_count")
    }
    const user = toUser.checked(userRow)
    assert.strictEqual(user.tenantId, tenantId)
    assert.deepStrictEqual<ReadonlyArray<string>>(user.groupIds, [groupId])
    assert.strictEqual(user.createdAt, at)
  })

  it("a missing column or a value of another type is a defect naming the table and the column, both ways", () => {
    for (const { row, schema, decode } of tables) {
      for (const column of Object.keys(schema.fields)) {
        const { [column]: value, ...missing } = row
        const wrong = { ...row, [column]: typeof value === "number" ? "42" : 42.5 }
        for (const bad of [missing, wrong]) {
          for (const run of [decode.checked, decode.decodeFully]) {
            const message = throws(() => run(bad))
            assert.include(message, "does not match its Schema", column)
            assert.include(message, `["${column}"]`, `${column}: ${message}`)
          }
        }
      }
    }
  })

  it("the SELECT lists are the row Schemas' columns, in their order", () => {
    const columns: ReadonlyArray<readonly [string, Schema.Struct<Schema.Struct.Fields>]> = [
      [TENANT_COLUMNS, TenantRow],
      [ROLE_COLUMNS, RoleRow],
      [ORGANIZATION_COLUMNS, OrganizationRow],
      [MEMBERSHIP_COLUMNS, MembershipRow],
      [AUDIT_COLUMNS, AuditRow],
      [SESSION_COLUMNS, SessionRow]
    ]
    for (const [list, schema] of columns) assert.deepStrictEqual(list.split(", "), Object.keys(schema.fields))
    const userColumns = USER_COLUMNS.split(/,\s+(?=u\.|ARRAY)/u)
    assert.deepStrictEqual(
      userColumns.map((column) => (column.startsWith("u.") ? column.slice(2) : column.split(" AS ").at(-1))),
      Object.keys(UserRow.fields)
    )
    assert.match(
      userColumns.at(-1)!,
      /^ARRAY\(SELECT ug\.group_id::text FROM user_groups ug[\s\S]*\) AS group_ids$/u
    )
  })
})
