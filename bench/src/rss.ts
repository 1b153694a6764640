import { readFileSync } from "node:fs"

/** A process's resident memory from /proc/<pid>/status, in MiB: now (VmRSS) and its peak so far (VmHWM). */
export interface Rss {
  readonly rssMb: number
  readonly peakMb: number
}

const field = (status: string, name: string): number => {
  const kib = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(status)?.[1]
  if (kib === undefined) throw new Error(`/proc status has no ${name}`)
  return Number(kib) / 1024
}

/** Reads `pid`'s memory (Linux only: throws elsewhere, which the run reports as a figure not measured). */
export const readRss = (pid: number): Rss => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  return { rssMb: field(status, "VmRSS"), peakMb: field(status, "VmHWM") }
}

/** Samples `pid`'s VmRSS every 50 ms while `during` runs; answers the largest sample, in MiB. */
export const peakRssDuring = async <A>(
  pid: number,
  during: Promise<A>
): Promise<{ result: A; peakMb: number }> => {
  let peak = readRss(pid).rssMb
  const sample = () => {
    try {
      peak = Math.max(peak, readRss(pid).rssMb)
    } catch {
      // the process ended: the load's own error says why
    }
  }
  const timer = setInterval(sample, 50)
  try {
    const result = await during
    sample()
    return { result, peakMb: peak }
  } finally {
    clearInterval(timer)
  }
}
