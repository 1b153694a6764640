import { Effect } from "effect"
import type { Email } from "../../model/email.ts"
import type { User } from "../../model/user.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { type ActorContext, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { newPendingUser } from "../users/newPendingUser.ts"
import type { ImportFieldError, ImportRowFailure } from "./errors.ts"
import { type ColumnMapping, catalogueOf, type ImportedProfile, validateRow } from "./importRow.ts"
import { forEachBatch, type ImportSource } from "./importSource.ts"

/**
 * Rows read, validated and written together: per batch, one `existingEmails` lookup in the validation pass, and
 * one `UserRepository.insertMany` and one `InvitationRepository.insertMany` in the write pass.
 */
export const IMPORT_BATCH_SIZE = 1_000

/** A report lists at most this many failing rows (the first ones); `failedRows` counts them all. */
export const MAX_LISTED_FAILURES = 1_000

/** Importing creates pending users with invitations: `users:write`, or `users:invite` alone. */
export const requireImporter = (context: ActorContext) =>
  requirePermission(context, context.permissions.tenant.has("users:write") ? "users:write" : "users:invite")

/** The tenant's roles, departments and groups by name, and what the actor may grant, as of now. */
export const loadCatalogue = Effect.fnUntraced(function* (context: ActorContext) {
  const roles = rolesOf(context)
  return catalogueOf({
    roles: roles.all,
    departments: yield* (yield* DepartmentRepository).list(context.tenant.id),
    groups: yield* (yield* GroupRepository).list(context.tenant.id),
    granted: context.permissions.tenant
  })
})

/**
 * The failing rows of an import: every failing row number (to skip them when writing) and the first
 * `MAX_LISTED_FAILURES` failures with their errors, in row order.
 */
export class FailureLog {
  readonly rows = new Set<number>()
  private listed: Array<ImportRowFailure> = []

  add(row: number, errors: ReadonlyArray<ImportFieldError>): void {
    if (this.rows.has(row)) {
      this.listed = this.listed.map((f) => (f.row === row ? { row, errors: [...f.errors, ...errors] } : f))
      return
    }
    this.rows.add(row)
    const last = this.listed.at(-1)
    this.listed.push({ row, errors })
    if (last !== undefined && last.row > row) this.listed.sort((a, b) => a.row - b.row)
    if (this.listed.length > MAX_LISTED_FAILURES) this.listed.pop()
  }

  get failures(): ReadonlyArray<ImportRowFailure> {
    return this.listed
  }

  /** An independent copy (a write pass that runs again must start from the validation pass's failures). */
  copy(): FailureLog {
    const copy = new FailureLog()
    for (const row of this.rows) copy.rows.add(row)
    copy.listed = [...this.listed]
    return copy
  }
}

/** What the validation pass keeps of a source: never the rows themselves. */
export interface Validated {
  /** How many records the source gave. */
  readonly rows: number
  /** The row of each valid email, the first one when an email repeats. */
  readonly emails: ReadonlyMap<Email, number>
  readonly failures: FailureLog
}

/**
 * The validation pass: reads the source once in batches, validates each row, detects emails repeated in the
 * file and emails the tenant already has. Holds the emails seen and the failures, not the rows.
 */
export const validateSource = Effect.fnUntraced(function* (
  context: ActorContext,
  source: ImportSource,
  mapping: ColumnMapping | undefined
) {
  const catalogue = yield* loadCatalogue(context)
  const users = yield* UserRepository
  const emails = new Map<Email, number>()
  const failures = new FailureLog()
  const rows = yield* forEachBatch(source, IMPORT_BATCH_SIZE, (batch) =>
    Effect.gen(function* () {
      const candidates: Array<{ readonly row: number; readonly email: Email; readonly path: string }> = []
      for (const { row, value } of batch) {
        const outcome = validateRow(value, mapping, catalogue)
        const errors = outcome._tag === "Invalid" ? [...outcome.errors] : []
        if (outcome.email !== undefined) {
          const first = emails.get(outcome.email)
          if (first === undefined) emails.set(outcome.email, row)
          else errors.push({ path: outcome.emailPath, message: `The same email as row ${first}` })
          if (errors.length === 0) candidates.push({ row, email: outcome.email, path: outcome.emailPath })
        }
        if (errors.length > 0) failures.add(row, errors)
      }
      if (candidates.length === 0) return
      const existing = yield* users.existingEmails(
        context.tenant.id,
        candidates.map((candidate) => candidate.email)
      )
      for (const candidate of candidates) {
        if (existing.has(candidate.email)) {
          failures.add(candidate.row, [
            { path: candidate.path, message: "A user with this email already exists" }
          ])
        }
      }
    })
  )
  const validated: Validated = { rows, emails, failures }
  return validated
})

/**
 * The stored form of an imported row: pending (disabled when its `active` column says no), no password, its
 * invitation issued alongside.
 */
export const importedUser = Effect.fnUntraced(function* (context: ActorContext, profile: ImportedProfile) {
  const { email, firstName, lastName, role } = profile
  const user: User = {
    ...(yield* newPendingUser(
      { tenantId: context.tenant.id, email, firstName, lastName, role },
      context.now
    )),
    phone: profile.phone,
    language: profile.language,
    departmentId: profile.departmentId,
    groupIds: [...profile.groupIds],
    status: profile.active ? "pending" : "disabled",
    kind: profile.kind
  }
  return user
})
