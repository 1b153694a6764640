import { Center, Paper } from "@mantine/core"
import type { ReactNode } from "react"

/** The frame of the pages without a session (sign-in, setup and reset links). */
export function CenteredCard({
  children,
  width = 460
}: {
  readonly children: ReactNode
  readonly width?: number
}) {
  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" w={width} maw="100%">
        {children}
      </Paper>
    </Center>
  )
}
