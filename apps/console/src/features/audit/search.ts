/** The audit log's filters as the URL holds them: ids, an action name, and calendar days (`YYYY-MM-DD`). */
export interface AuditSearch {
  readonly actor?: string
  readonly target?: string
  readonly action?: string
  readonly from?: string
  readonly to?: string
}

const KEYS = ["actor", "target", "action", "from", "to"] as const
const DAY = /^\d{4}-\d{2}-\d{2}$/u

/** Keeps the known filters that are non-empty strings (days in their form); the API judges the rest. */
export const auditSearch = (search: Record<string, unknown>): AuditSearch => {
  const kept: Record<string, string> = {}
  for (const key of KEYS) {
    const value = search[key]
    if (typeof value !== "string" || value === "") continue
    if ((key === "from" || key === "to") && !DAY.test(value)) continue
    kept[key] = value
  }
  return kept
}

/** Midnight at the start of a calendar day, in the browser's time zone. */
const startOfDay = (day: string, plusDays = 0): Date => {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number]
  return new Date(year, month - 1, date + plusDays)
}

/** The API's query: `from` the start of the first day, `before` the end of the last day (both included). */
export const apiQueryOf = (
  search: AuditSearch
): { actor?: string; target?: string; action?: string; from?: string; before?: string } => ({
  ...(search.actor === undefined ? {} : { actor: search.actor }),
  ...(search.target === undefined ? {} : { target: search.target }),
  ...(search.action === undefined ? {} : { action: search.action }),
  ...(search.from === undefined ? {} : { from: startOfDay(search.from).toISOString() }),
  ...(search.to === undefined ? {} : { before: startOfDay(search.to, 1).toISOString() })
})
