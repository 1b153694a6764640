import { readdirSync, readFileSync } from "node:fs"

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
export const TICKS_PER_SECOND = 100

/** user + system CPU ticks of `pid` so far (Linux only: throws elsewhere). */
export const processTicks = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
  // The fields after the command name (which may hold spaces) start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return Number(fields[11]) + Number(fields[12])
}

/**
 * The PostgreSQL backends serving `database` right now (their command line, `postgres: <user> <database>
 * <client> <state>`, names it), with their CPU ticks so far.
 */
export const backendTicks = (database: string): Map<number, number> => {
  const ticks = new Map<number, number>()
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8")
      if (!command.startsWith("postgres: ") || !command.split(" ").includes(database)) continue
      ticks.set(Number(entry), processTicks(Number(entry)))
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks
}

/**
 * CPU ticks spent by `database`'s backends between two readings (a backend that ended meanwhile counts
 * with its last reading; one that started counts from zero).
 */
export const backendTicksBetween = (
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>
): number => {
  let total = 0
  for (const [pid, ticks] of after) total += ticks - (before.get(pid) ?? 0)
  return total
}

/** Microseconds of CPU per request from a tick count. */
export const microsPerRequest = (ticks: number, requests: number): number =>
  requests === 0 ? Number.NaN : (ticks * 1_000_000) / TICKS_PER_SECOND / requests
