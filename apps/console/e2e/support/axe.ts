import AxeBuilder from "@axe-core/playwright"
import { expect, type Page } from "@playwright/test"

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.x A/AA rules and best practice). */
export const expectAccessible = async (page: Page, where: string): Promise<void> => {
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
