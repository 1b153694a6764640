import { isDeepStrictEqual } from "node:util"
import type { AuditEvent } from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"

/**
 * The audit events a rejected request may append: each records a failed authentication (a wrong password at
 * login or at a password change, a wrong TOTP code, a bad setup token), which ASVS 16.3.1 requires to be
 * logged, and which the domain records in a transaction of its own so that the rejection cannot roll it back.
 */
export const FAILED_AUTHENTICATION_ACTIONS: ReadonlySet<string> = new Set([
  "auth.login_failed",
  "user.password_change_failed",
  "mfa.totp_code_failed",
  "setup.check_failed",
  "user.token_check_failed",
  "auth.locked"
])

/**
 * Tables a rejected request may change: `failedAttempts` and `failedAttemptsByOrigin`, the throttle's counters
 * per account and per (account, client address) (a failure must count even though the request is refused:
 * Keycloak CVE-2024-4629, CVE-2026-9798).
 */
export const COUNTER_TABLES: ReadonlySet<string> = new Set(["failedAttempts", "failedAttemptsByOrigin"])

type Sessions = ReadonlyMap<string, { readonly lastSeenAt: Date }>

/** Sessions without `lastSeenAt`: authenticating a request may touch its session, whatever the answer. */
const untouched = (sessions: unknown): unknown =>
  sessions instanceof Map
    ? new Map([...(sessions as Sessions)].map(([id, row]) => [id, { ...row, lastSeenAt: null }]))
    : sessions

/**
 * What a rejected request changed beyond what it may: empty when the store is as before, up to failure
 * counters, appended failed-authentication audit events, and session `lastSeenAt`. Each entry names the table
 * (the store keeps no empty table, so a table never written and an emptied one are the same).
 */
export const forbiddenChanges = (before: memory.State, after: memory.State): ReadonlyArray<string> => {
  if (before === after) return []
  const changes: Array<string> = []
  const [was, is] = [before.get(memory.tables.Audit), after.get(memory.tables.Audit)]
  const kept = new Map<string, AuditEvent>(is.map((event) => [event.id, event]))
  for (const event of was) {
    if (!isDeepStrictEqual(kept.get(event.id), event))
      changes.push(`audit: event ${event.action} changed or gone`)
  }
  const known = new Set(was.map((event) => event.id))
  for (const event of is) {
    if (!known.has(event.id) && !FAILED_AUTHENTICATION_ACTIONS.has(event.action)) {
      changes.push(`audit: new event ${event.action}`)
    }
  }

  const names = new Set([...before.tables.keys(), ...after.tables.keys()])
  for (const name of names) {
    if (COUNTER_TABLES.has(name) || name === memory.tables.Audit.name) continue
    const [was, is] = [before.tables.get(name), after.tables.get(name)]
    const same =
      name === memory.SessionRepository.Sessions.name
        ? isDeepStrictEqual(untouched(was), untouched(is))
        : isDeepStrictEqual(was, is)
    if (!same) changes.push(name)
  }
  return changes
}
