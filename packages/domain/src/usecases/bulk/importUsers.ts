import { Effect, Schema } from "effect"
import type { Forbidden } from "../../errors/authorization.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import type { User } from "../../model/user.ts"
import type { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import type { GroupRepository } from "../../ports/GroupRepository.ts"
import type { InvitationRepository } from "../../ports/InvitationRepository.ts"
import type { Mailer } from "../../ports/Mailer.ts"
import type { Transactor } from "../../ports/Transactor.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { inputDecoder } from "../../validation/decodeInput.ts"
import type { PublicUrl } from "../invitations/PublicUrl.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import type { ActorServices, WriteServices } from "../users/guards.ts"
import { ImportFailed, type ImportFieldError, type ImportReport } from "./errors.ts"
import { type InvitationToSend, issueImportInvitations, sendInvitations } from "./importInvitations.ts"
import {
  type FailureLog,
  IMPORT_BATCH_SIZE,
  importedUser,
  loadCatalogue,
  requireImporter,
  type Validated,
  validateSource
} from "./importPasses.ts"
import { ColumnMapping, validateRow } from "./importRow.ts"
import { forEachBatch, type ImportSource } from "./importSource.ts"

export const ImportMode = Schema.Literals(["all", "partial"])
export type ImportMode = typeof ImportMode.Type

export const ImportOptions = Schema.Struct({
  /** Validate and report only; nothing is written and no email is sent. */
  dryRun: Schema.optionalKey(Schema.Boolean),
  /** `all` (default): any failing row and nothing is written. `partial`: the valid rows are written. */
  mode: Schema.optionalKey(ImportMode),
  /** Source column -> field; see `ColumnMapping`. Without one, columns are matched to fields by name. */
  mapping: Schema.optionalKey(ColumnMapping)
})
export type ImportOptions = typeof ImportOptions.Type

const decodeOptions = inputDecoder(ImportOptions)

/** What an import did (see `ImportReport`), and how the invitation emails went after the commit. */
export interface ImportResult extends ImportReport {
  readonly dryRun: boolean
  /** Invitation emails the mail system took (0 on a dry run). */
  readonly emailsSent: number
  /** Invitation emails it refused: those users are pending with a link nobody received (re-send it). */
  readonly emailsFailed: number
}

const reportOf = (created: number, failures: FailureLog): ImportReport => ({
  created,
  updated: 0,
  failed: failures.failures,
  failedRows: failures.rows.size
})

const TAKEN = "A user with this email already exists"
const CHANGED = "The row read differently the second time: the source must give the same rows on every read"

/**
 * The write pass, in ONE transaction: reads the source again, skips the rows the validation pass rejected,
 * re-validates the others against the catalogue as it is now (a role or group may have gone meanwhile),
 * inserts them in batches through `insertMany` and issues the invitations of the active ones (an inactive row
 * is imported disabled and invited once enabled), then writes one `users.imported`
 * audit event. A row that fails now (a catalogue change, an email taken meanwhile by a concurrent creation)
 * fails the whole import under `mode: "all"`, and is reported and skipped under `partial`.
 */
const writeSource = (actor: Actor, source: ImportSource, options: ImportOptions, validated: Validated) =>
  transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requireImporter(context)
      const catalogue = yield* loadCatalogue(context)
      const users = yield* UserRepository
      // A copy: the Transactor may run this effect again after a serialization failure.
      const failures = validated.failures.copy()
      const mode = options.mode ?? "all"
      const toSend: Array<InvitationToSend> = []
      let created = 0
      const failWith = (row: number, errors: ReadonlyArray<ImportFieldError>) => {
        const log = failures.copy()
        log.add(row, errors)
        return Effect.fail(new ImportFailed({ report: reportOf(0, log) }))
      }
      const rows = yield* forEachBatch(source, IMPORT_BATCH_SIZE, (batch) =>
        Effect.gen(function* () {
          const batchUsers: Array<User> = []
          const emailPaths = new Map<string, string>()
          for (const { row, value } of batch) {
            if (failures.rows.has(row)) continue
            const outcome = validateRow(value, options.mapping, catalogue)
            const errors =
              outcome._tag === "Invalid"
                ? outcome.errors
                : validated.emails.get(outcome.email) === row
                  ? []
                  : [{ path: outcome.emailPath, message: CHANGED }]
            if (outcome._tag === "Invalid" || errors.length > 0) {
              if (mode === "all") return yield* failWith(row, errors)
              failures.add(row, errors)
              continue
            }
            emailPaths.set(outcome.email, outcome.emailPath)
            batchUsers.push(yield* importedUser(context, outcome.profile))
          }
          // An email taken since the validation pass (a concurrent creation): `all` gives up; `partial` reports
          // the row and inserts the rest of the batch (a failed insertMany leaves the transaction usable).
          let pending = batchUsers
          while (true) {
            const inserted = yield* Effect.result(users.insertMany(pending))
            if (inserted._tag === "Success") break
            const email = inserted.failure.email as User["email"]
            const row = validated.emails.get(email) ?? 0
            const errors = [{ path: emailPaths.get(email) ?? "email", message: TAKEN }]
            if (mode === "all") return yield* failWith(row, errors)
            failures.add(row, errors)
            const rest = pending.filter((user) => user.email !== email)
            if (rest.length === pending.length)
              return yield* Effect.die(`insertMany named ${email}, not inserted`)
            pending = rest
          }
          created += pending.length
          // An inactive row's user is not invited now: an admin enables them, then sends the invitation.
          const invited = pending.filter((user) => user.status === "pending")
          toSend.push(...(yield* issueImportInvitations(context.tenant, invited, context.now)))
        })
      )
      if (rows !== validated.rows) {
        return yield* new InvalidInput({
          errors: [
            { path: "rows", message: `${validated.rows} rows on the first read, ${rows} on the second` }
          ]
        })
      }
      yield* auditBy(context, {
        action: "users.imported",
        details: { mode, rows, created, failedRows: failures.rows.size, invitationsIssued: created }
      })
      return { tenant: context.tenant, created, failures, toSend }
    })
  )

/**
 * Whether the actor may import users now (`users:write` or `users:invite`): `Forbidden` otherwise. The HTTP
 * adapter asks before it reads an upload, so an anonymous or unauthorised caller never has tens of megabytes
 * buffered and parsed; `importUsers` checks again (rule 7: the answer may change while the body arrives).
 */
export const mayImportUsers = Effect.fn("mayImportUsers")(function* (
  actor: Actor
): Effect.fn.Return<void, Forbidden | StoreUnavailable, ActorServices | Transactor> {
  yield* transactional(Effect.flatMap(authenticate(actor), requireImporter))
})

/**
 * `POST /v1/users/import`: creates users from plain records (CSV rows, JSON objects), each a pending user with a
 * setup invitation (never a password from a file). Needs `users:write` or `users:invite`; a row whose role holds
 * a permission the actor lacks fails (rule 4). Roles, departments and groups are given by name (groups
 * separated by ";" or "|"); emails are normalised, and an email repeated in the file or already in the tenant
 * fails its row.
 *
 * Two passes over the source, so that 100,000 rows never sit in memory: a validation pass (batches of 1,000,
 * keeping only the emails seen and the failures), then, unless `dryRun`, the write pass in ONE transaction
 * (batches through `UserRepository.insertMany`, invitations issued alongside, one `users.imported` audit
 * event). `mode: "all"` (default) fails with `ImportFailed` and writes nothing when any row fails; `partial`
 * writes the valid rows. A dry run answers with the report the same call would give, writing nothing.
 *
 * Invitation emails go out after the commit, a few at a time: never from inside the long transaction, and
 * never for an import that rolled back. Holding a link per created user until then costs about 200 bytes
 * each; a refused email is counted (`emailsFailed`), the user stays pending and an admin re-sends the link.
 */
export const importUsers = Effect.fn("importUsers")(function* (
  actor: Actor,
  source: ImportSource,
  given: ImportOptions = {}
): Effect.fn.Return<
  ImportResult,
  Forbidden | InvalidInput | ImportFailed | StoreUnavailable,
  WriteServices | DepartmentRepository | GroupRepository | InvitationRepository | Mailer | PublicUrl
> {
  const options = yield* decodeOptions(given)
  const context = yield* authenticate(actor)
  yield* requireImporter(context)
  const validated = yield* validateSource(context, source, options.mapping)
  const valid = validated.rows - validated.failures.rows.size
  const allOrNothing = (options.mode ?? "all") === "all"
  const report = reportOf(allOrNothing && validated.failures.rows.size > 0 ? 0 : valid, validated.failures)
  if (options.dryRun === true) return { ...report, dryRun: true, emailsSent: 0, emailsFailed: 0 }
  if (allOrNothing && validated.failures.rows.size > 0) return yield* new ImportFailed({ report })

  const written = yield* writeSource(actor, source, options, validated)
  const emails = yield* sendInvitations(written.tenant, written.toSend)
  return {
    ...reportOf(written.created, written.failures),
    dryRun: false,
    emailsSent: emails.sent,
    emailsFailed: emails.failed
  }
})
