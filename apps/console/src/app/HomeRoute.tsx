import { Stack } from "@mantine/core"
import { lazy, Suspense } from "react"
import { HomePage } from "../features/home/components/HomePage.tsx"
import { can, useMe } from "../lib/session.ts"

// The charts (and their library) load only for those who see them.
const Overview = lazy(() =>
  import("../features/overview/components/Overview.tsx").then((m) => ({ default: m.Overview }))
)

/** The start page: everyone's welcome, and for user admins the overview of what needs attention. */
export function HomeRoute() {
  const me = useMe()
  return (
    <Stack>
      <HomePage />
      {can(me, "users:read") ? (
        <Suspense fallback={null}>
          <Overview canReadAudit={can(me, "audit:read")} />
        </Suspense>
      ) : null}
    </Stack>
  )
}
