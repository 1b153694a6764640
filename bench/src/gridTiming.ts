/**
 * How the grid bench times a navigation: a probe in every document of the page (Playwright init script) notes the
 * last `pointerdown` and the first animation frame in which the 50th row and the Total Users footer are in the
 * DOM, both on the page's own clock. A full load counts from the navigation's start (the page's time origin), an
 * in-app navigation from the pointer going down on the link. The bench waits on the probe (one property read per
 * frame), not on Playwright locators, whose polling queries the DOM on the page's main thread while it renders.
 * The time Playwright itself spends (its checks before the click, the wait) is reported beside it, as `wall`.
 */
import { performance } from "node:perf_hooks"
import type { Page } from "@playwright/test"

export const BUDGET_MS = 300

/** One timed navigation: page clock (`ms`), Playwright's clock (`wall`), and the requests that went out. */
export interface Measured {
  readonly ms: number
  readonly wall: number
  readonly requests: ReadonlyArray<{
    readonly what: string
    readonly start: number
    readonly end: number
    readonly server: number
  }>
}

/** What `BENCH_GRID_JSON` receives: this build's runs (page clock, ms), for row 9 of `npm run bench`. */
export interface GridFigures {
  readonly users: number
  readonly inApp: ReadonlyArray<number>
  readonly fullLoad: ReadonlyArray<number>
  /** The API calls of each in-app run, and the slowest one's server time (time to first byte). */
  readonly apiCalls: ReadonlyArray<number>
  readonly apiServerMs: ReadonlyArray<number>
}

interface Probe {
  pointerdown: number | undefined
  shown: number | undefined
}

/** Installs the probe: `footers` are the Total Users texts that count as shown (the locale's and the plain). */
export const installProbe = (page: Page, footers: ReadonlyArray<string>) =>
  page.addInitScript((texts: ReadonlyArray<string>) => {
    const probe: Probe = { pointerdown: undefined, shown: undefined }
    ;(window as unknown as { __gridProbe: Probe }).__gridProbe = probe
    document.addEventListener("pointerdown", (event) => (probe.pointerdown = event.timeStamp), {
      capture: true
    })
    let seen = false
    new MutationObserver(() => {
      if (seen) return
      const footer = document.querySelector("[data-testid=total-users]")?.textContent ?? ""
      if (document.querySelectorAll("tbody tr").length < 50 || !texts.some((text) => footer.includes(text)))
        return
      seen = true
      requestAnimationFrame(() => (probe.shown = performance.now()))
    }).observe(document, { subtree: true, childList: true, characterData: true })
  }, footers)

const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { __gridProbe: Probe }).__gridProbe)

/**
 * Runs `act` (a click, or a `goto`) and waits until the probe has seen the grid's frame. `from`: "pointerdown"
 * for an in-app navigation, "navigation" for a full load.
 */
export const measure = async (
  page: Page,
  from: "pointerdown" | "navigation",
  act: () => Promise<unknown>
): Promise<Measured> => {
  const t0 = performance.now()
  await act()
  await page.waitForFunction(
    () => (window as unknown as { __gridProbe?: Probe }).__gridProbe?.shown !== undefined
  )
  const wall = performance.now() - t0
  const probe = await probeOf(page)
  const start = from === "navigation" ? 0 : (probe.pointerdown ?? Number.NaN)
  const requests = await page.evaluate(
    (since) =>
      performance
        .getEntriesByType("resource")
        .filter((entry) => entry.startTime >= since - 50)
        .map((entry) => entry as PerformanceResourceTiming)
        // answers from the browser's cache (the hashed assets) have no network time
        .filter((entry) => entry.transferSize > 0 || entry.name.includes("/v1/"))
        .map((entry) => {
          const url = new URL(entry.name)
          return {
            what: `${url.pathname}${url.search}`,
            start: entry.startTime - since,
            end: entry.responseEnd - since,
            server: entry.responseStart - entry.requestStart
          }
        }),
    start
  )
  return { ms: (probe.shown ?? Number.NaN) - start, wall, requests }
}

export const median = (values: ReadonlyArray<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const fmt = (values: ReadonlyArray<number>) =>
  `median ${median(values).toFixed(0)} ms, worst ${Math.max(...values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(", ")})`

/** Prints the runs of one kind of navigation, the budget's verdict on the median, and the median run's requests. */
export const report = (label: string, runs: ReadonlyArray<Measured>) => {
  const values = runs.map((run) => run.ms)
  const middle = median(values)
  console.log(`  ${label}: ${fmt(values)}; budget ${BUDGET_MS} ms: ${middle <= BUDGET_MS ? "met" : "missed"}`)
  console.log(`    as Playwright sees it (with its checks before the click): ${fmt(runs.map((r) => r.wall))}`)
  const run = runs.find((r) => r.ms === middle)
  if (run === undefined) return
  for (const r of run.requests)
    console.log(
      `    ${r.start.toFixed(0).padStart(5)} -> ${r.end.toFixed(0).padStart(5)} ms (server ${r.server.toFixed(0)} ms) ${r.what}`
    )
  console.log(`    ${run.ms.toFixed(0).padStart(14)} ms grid shown`)
}
