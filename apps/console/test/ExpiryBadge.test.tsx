import { MantineProvider } from "@mantine/core"
import { cleanup, render, screen } from "@testing-library/react"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { ExpiryBadge } from "../src/features/memberships/components/ExpiryBadge.tsx"
import { initI18n } from "../src/lib/i18n/i18n.ts"

const DAY = 86_400_000
const HOUR = 3_600_000

const textOf = (expiresAt: string | null) => {
  render(
    <MantineProvider>
      <ExpiryBadge expiresAt={expiresAt} inEffect={true} />
    </MantineProvider>
  )
  const text = screen.getByText(/expire|No expiry/iu).textContent
  cleanup()
  return text
}

const from = (offset: number) => new Date(Date.now() + offset).toISOString()

describe("a membership's expiry in 003's words (the Memberships grid)", () => {
  beforeAll(() => initI18n("en"))
  afterEach(cleanup)

  it("whole days left, rounded up; one day is singular", () => {
    expect(textOf(from(7 * DAY - HOUR))).toBe("expires in 7 days")
    expect(textOf(from(7 * DAY + HOUR))).toBe("expires in 8 days")
    expect(textOf(from(HOUR))).toBe("expires in 1 day")
  })

  it("past its expiry it says Expired; without one, No expiry", () => {
    expect(textOf(from(-HOUR))).toBe("Expired")
    expect(textOf(null)).toBe("No expiry")
  })
})
