import { Result, Schema, SchemaTransformation } from "effect"
import { Email } from "../../model/email.ts"
import type { Department, Group } from "../../model/group.ts"
import type { DepartmentId, GroupId } from "../../model/ids.ts"
import { Language } from "../../model/language.ts"
import type { Permission } from "../../model/permission.ts"
import { PhoneNumber } from "../../model/phone.ts"
import type { Role, RoleName } from "../../model/role.ts"
import { PersonName, UserKind } from "../../model/user.ts"
import { missingForGrant } from "../../rules/permissions.ts"
import { toInvalidInput } from "../../validation/decodeInput.ts"
import type { ImportFieldError } from "./errors.ts"

/** The user fields a row may give. Roles, departments and groups are given by name. */
export const IMPORT_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "role",
  "department",
  "groups",
  "phone",
  "language",
  "active",
  "kind"
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/**
 * Source column (a CSV header, a JSON key) -> field; a column mapped to `null` is ignored on purpose. Any other
 * column is a row error: a misspelt header must not drop its values silently.
 */
export const ColumnMapping = Schema.Record(Schema.String, Schema.NullOr(Schema.Literals(IMPORT_FIELDS)))
export type ColumnMapping = typeof ColumnMapping.Type

const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/gu, "")

// Without a mapping, a column names its field in any casing, with or without spaces, dashes or underscores
// ("First name", "first_name", "E-mail"), or by a singular ("Group").
const DEFAULT_COLUMNS: ReadonlyMap<string, ImportField> = new Map([
  ...IMPORT_FIELDS.map((field) => [squash(field), field] as const),
  ["group", "groups"],
  ["emailaddress", "email"]
])

/** The names a row refers to, loaded once per pass, and what the actor may grant (rule 4). */
export interface ImportCatalogue {
  /** Tenant roles by lower-cased name. */
  readonly roles: ReadonlyMap<string, Role>
  /** By lower-cased name (names are unique per tenant case-insensitively). */
  readonly departments: ReadonlyMap<string, Department>
  readonly groups: ReadonlyMap<string, Group>
  /** The actor's tenant-wide permissions. */
  readonly granted: ReadonlySet<Permission>
}

export const catalogueOf = (input: {
  readonly roles: ReadonlyArray<Role>
  readonly departments: ReadonlyArray<Department>
  readonly groups: ReadonlyArray<Group>
  readonly granted: ReadonlySet<Permission>
}): ImportCatalogue => {
  const byName = <A extends { readonly name: string }>(items: ReadonlyArray<A>) =>
    new Map(items.map((item) => [item.name.toLowerCase(), item] as const))
  return {
    roles: byName(input.roles.filter((role) => role.scope === "tenant")),
    departments: byName(input.departments),
    groups: byName(input.groups),
    granted: input.granted
  }
}

/** A row's user, validated and with names resolved to ids. */
export interface ImportedProfile {
  readonly email: Email
  readonly firstName: string
  readonly lastName: string
  readonly role: RoleName
  readonly departmentId: DepartmentId | null
  readonly groupIds: ReadonlyArray<GroupId>
  readonly phone: PhoneNumber | null
  readonly language: Language | null
  /** 002's "Active User": false imports the user disabled (their setup link works once they are enabled). */
  readonly active: boolean
  readonly kind: UserKind
}

/**
 * A valid row, or its errors; either way the row's email when it decoded (an invalid row's email still counts
 * for duplicates) and the column it came from, to name it in a later error.
 */
export type RowOutcome =
  | {
      readonly _tag: "Valid"
      readonly profile: ImportedProfile
      readonly email: Email
      readonly emailPath: string
    }
  | {
      readonly _tag: "Invalid"
      readonly errors: ReadonlyArray<ImportFieldError>
      readonly email: Email | undefined
      readonly emailPath: string
    }

// A cell as a user meant it: surrounding spaces dropped, an empty cell or null the same as a missing one.
const cell = (value: unknown): unknown => {
  if (typeof value === "string") {
    const trimmed = value.trim()
    return trimmed === "" ? undefined : trimmed
  }
  return value ?? undefined
}

/** The names of a `groups` cell: "a; b | c" or a JSON array of names. */
const groupNames = (value: unknown): ReadonlyArray<unknown> =>
  typeof value === "string"
    ? value
        .split(/[;|]/u)
        .map((name) => name.trim())
        .filter((name) => name !== "")
    : Array.isArray(value)
      ? value.map(cell).filter((name) => name !== undefined)
      : [value]

/** A yes/no cell: a JSON boolean, or true/false, yes/no, y/n, 1/0 in any casing. */
const ActiveCell = Schema.Union([
  Schema.Boolean,
  Schema.Literals(["true", "yes", "y", "1", "false", "no", "n", "0"]).pipe(
    Schema.decodeTo(
      Schema.Boolean,
      SchemaTransformation.transform({
        decode: (text) => ["true", "yes", "y", "1"].includes(text),
        encode: (active) => (active ? "true" : "false")
      })
    )
  )
])

const lowerCased = (value: unknown): unknown => (typeof value === "string" ? value.toLowerCase() : value)

const decoders = {
  active: (value: unknown) => Schema.decodeUnknownResult(ActiveCell)(lowerCased(value)),
  kind: (value: unknown) => Schema.decodeUnknownResult(UserKind)(lowerCased(value)),
  email: Schema.decodeUnknownResult(Email),
  name: Schema.decodeUnknownResult(PersonName),
  phone: Schema.decodeUnknownResult(PhoneNumber),
  language: Schema.decodeUnknownResult(Language),
  text: Schema.decodeUnknownResult(Schema.String)
}

const messageOf = (error: Schema.SchemaError): string =>
  toInvalidInput(error)
    .errors.map((e) => e.message)
    .join("; ")

/**
 * Validates one row against the catalogue: known columns only, required fields present, every value decoded
 * by the domain's Schemas (the email normalised), role, department and groups known by name, and the role
 * one the actor holds every permission of (rule 4). Pure: whether the email is free is the caller's question.
 */
export const validateRow = (
  row: unknown,
  mapping: ColumnMapping | undefined,
  catalogue: ImportCatalogue
): RowOutcome => {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    return {
      _tag: "Invalid",
      errors: [{ path: "", message: "Expected an object with one user's fields" }],
      email: undefined,
      emailPath: "email"
    }
  }
  const errors: Array<ImportFieldError> = []
  const values = new Map<ImportField, { readonly path: string; readonly value: unknown }>()
  for (const [column, raw] of Object.entries(row)) {
    const field = mapping === undefined ? DEFAULT_COLUMNS.get(squash(column)) : mapping[column]
    if (field === null) continue
    if (field === undefined) {
      errors.push({ path: column, message: "Unknown column: map it to a field, or to null to ignore it" })
      continue
    }
    const previous = values.get(field)
    if (previous !== undefined) {
      errors.push({ path: column, message: `The column ${previous.path} gives ${field} already` })
      continue
    }
    const value = cell(raw)
    if (value !== undefined) values.set(field, { path: column, value })
  }

  const decode = <A>(
    field: ImportField,
    decoder: (input: unknown) => Result.Result<A, Schema.SchemaError>,
    required: boolean
  ): A | undefined => {
    const given = values.get(field)
    if (given === undefined) {
      if (required) errors.push({ path: field, message: "Required" })
      return undefined
    }
    const decoded = decoder(given.value)
    if (Result.isSuccess(decoded)) return decoded.success
    errors.push({ path: given.path, message: messageOf(decoded.failure) })
    return undefined
  }
  const byName = <A>(
    field: ImportField,
    name: unknown,
    items: ReadonlyMap<string, A>,
    kind: string
  ): A | undefined => {
    const path = values.get(field)?.path ?? field
    const text = decoders.text(name)
    if (Result.isFailure(text)) {
      errors.push({ path, message: `Expected the name of a ${kind}` })
      return undefined
    }
    const found = items.get(text.success.toLowerCase())
    if (found === undefined) errors.push({ path, message: `Unknown ${kind}: ${text.success}` })
    return found
  }

  const email = decode("email", decoders.email, true)
  const firstName = decode("firstName", decoders.name, true)
  const lastName = decode("lastName", decoders.name, true)
  const phone = decode("phone", decoders.phone, false)
  const language = decode("language", decoders.language, false)
  const active = decode("active", decoders.active, false)
  const kind = decode("kind", decoders.kind, false)
  const roleName = decode("role", decoders.text, true)
  const role = roleName === undefined ? undefined : byName("role", roleName, catalogue.roles, "role")
  if (role !== undefined) {
    const missing = missingForGrant(catalogue.granted, role.permissions)
    if (missing.length > 0) {
      errors.push({
        path: values.get("role")?.path ?? "role",
        message: `You cannot grant the role ${role.name}: it holds ${missing.join(", ")}, which you do not`
      })
    }
  }
  const departmentName = values.get("department")?.value
  const department =
    departmentName === undefined
      ? undefined
      : byName("department", departmentName, catalogue.departments, "department")
  const groupIds = new Set<GroupId>()
  const groupsCell = values.get("groups")?.value
  for (const name of groupsCell === undefined ? [] : groupNames(groupsCell)) {
    const group = byName("groups", name, catalogue.groups, "group")
    if (group !== undefined) groupIds.add(group.id)
  }

  const emailPath = values.get("email")?.path ?? "email"
  if (
    errors.length > 0 ||
    email === undefined ||
    firstName === undefined ||
    lastName === undefined ||
    role === undefined
  ) {
    return { _tag: "Invalid", errors, email, emailPath }
  }
  return {
    _tag: "Valid",
    email,
    emailPath,
    profile: {
      email,
      firstName,
      lastName,
      role: role.name,
      departmentId: department?.id ?? null,
      groupIds: [...groupIds],
      phone: phone ?? null,
      language: language ?? null,
      active: active ?? true,
      kind: kind ?? "employee"
    }
  }
}
