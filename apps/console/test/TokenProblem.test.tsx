import { GatehouseProblem } from "@gatehouse/client"
import { MantineProvider } from "@mantine/core"
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router"
import { cleanup, render, screen } from "@testing-library/react"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { TokenProblem } from "../src/components/TokenProblem.tsx"
import { initI18n } from "../src/lib/i18n/i18n.ts"

const problem = (code: string, status: number) =>
  new GatehouseProblem({ code, status, title: code, detail: `detail of ${code}` })

const renderProblem = async (error: unknown, kind: "setup" | "reset" | "verify") => {
  const rootRoute = createRootRoute({ component: () => <TokenProblem error={error} kind={kind} /> })
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/"] })
  })
  render(
    <MantineProvider>
      <RouterProvider router={router} />
    </MantineProvider>
  )
  return screen.findByRole("alert")
}

describe("TokenProblem: why a one-time link does not work", () => {
  beforeAll(() => initI18n("en"))
  afterEach(cleanup)

  it("an expired setup link: ask the administrator to regenerate it", async () => {
    const alert = await renderProblem(problem("TOKEN_EXPIRED", 410), "setup")
    expect(alert.textContent).toContain("This link has expired")
    expect(alert.textContent).toContain("Ask your administrator to regenerate it")
  })

  it("a used reset link: request a new one", async () => {
    const alert = await renderProblem(problem("TOKEN_USED", 410), "reset")
    expect(alert.textContent).toContain("This password reset link has already been used.")
  })

  it("no token at all reads as an invalid link", async () => {
    const alert = await renderProblem(undefined, "verify")
    expect(alert.textContent).toContain("This verification link is not valid.")
  })

  it("any other problem shows its detail", async () => {
    const alert = await renderProblem(problem("STORE_UNAVAILABLE", 503), "setup")
    expect(alert.textContent).toContain("detail of STORE_UNAVAILABLE")
  })
})
