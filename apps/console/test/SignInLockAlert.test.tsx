import { MantineProvider } from "@mantine/core"
import { cleanup, render, screen } from "@testing-library/react"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { SignInLockAlert } from "../src/features/users/components/SignInLockAlert.tsx"
import { initI18n } from "../src/lib/i18n/i18n.ts"

const renderLock = (lock: { until: string; failures: number } | null) =>
  render(
    <MantineProvider>
      <SignInLockAlert lock={lock} />
    </MantineProvider>
  )

describe("the user profile shows the account lock to admins (issue 12, item 3)", () => {
  beforeAll(() => initI18n("en"))
  afterEach(cleanup)

  it("a locked account: the title, the failures, until when, and how to end it now", () => {
    const until = "2026-12-06T20:15:00.000Z"
    renderLock({ until, failures: 104 })
    const alert = screen.getByRole("alert")
    expect(alert.textContent).toContain("Sign-in locked")
    expect(alert.textContent).toContain("After 104 failed sign-in attempts")
    const shown = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(until)
    )
    expect(alert.textContent).toContain(shown)
    expect(alert.textContent).toContain("resetting the password ends it now")
  })

  it("no lock: nothing is shown", () => {
    renderLock(null)
    expect(screen.queryByRole("alert")).toBeNull()
  })
})
