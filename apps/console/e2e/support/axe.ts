import AxeBuilder from "@axe-core/playwright"
import { expect, type Page } from "@playwright/test"

/**
 * Waits (at most 2 s) for the page's finite animations and transitions: a dialog still fading in (or one closing
 * behind the next) has its text at a fraction of its opacity, which axe measures as too little contrast (a spinner's
 * endless one is not waited for). Mantine starts a transition a frame or two after the state changes, so the page is
 * asked again after two frames until a look finds nothing running.
 */
const settled = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))
    const deadline = performance.now() + 2000
    for (;;) {
      await frame()
      await frame()
      const running = document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
      if (running.length === 0 || performance.now() > deadline) return
      await Promise.race([
        Promise.allSettled(running.map((animation) => animation.finished)),
        new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - performance.now())))
      ])
    }
  })

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.x A/AA rules and best practice). */
export const expectAccessible = async (page: Page, where: string): Promise<void> => {
  await settled(page)
  const results = await new AxeBuilder({ page }).analyze()
  const grave = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" "))
    }))
  expect(grave, `axe on ${where} (${page.url()})`).toEqual([])
}
