import { Anchor, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { can, useMe } from "../../../lib/session.ts"
import { auditEventsQuery } from "../api/audit.ts"
import { AuditEventsTable } from "./AuditEventsTable.tsx"
import { CursorPager, useCursorPages } from "./CursorPager.tsx"

/**
 * A user's timeline on their profile (admins with audit:read only): what happened to them, or what they did,
 * newest first, 20 at a time, with a link to the audit log filtered the same way.
 */
export function UserTimeline({ userId }: { readonly userId: string }) {
  const me = useMe()
  if (!can(me, "audit:read")) return null
  return <Timeline userId={userId} />
}

function Timeline({ userId }: { readonly userId: string }) {
  const { t } = useTranslation()
  const [view, setView] = useState<"target" | "actor">("target")
  const pages = useCursorPages()
  const events = useQuery(
    auditEventsQuery({
      ...(view === "actor" ? { actor: userId } : { target: userId }),
      limit: 20,
      ...(pages.cursor === undefined ? {} : { cursor: pages.cursor })
    })
  )
  return (
    <Stack component="section" aria-labelledby="user-timeline-title" maw={960}>
      <Group justify="space-between">
        <Title order={2} id="user-timeline-title">
          {t("audit.timeline.title")}
        </Title>
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link {...props} to="/audit" search={view === "actor" ? { actor: userId } : { target: userId }} />
          )}
        >
          {t("audit.timeline.openLog")}
        </Anchor>
      </Group>
      <SegmentedControl
        aria-label={t("audit.timeline.view")}
        value={view}
        onChange={(value) => {
          pages.reset()
          setView(value as "target" | "actor")
        }}
        data={[
          { value: "target", label: t("audit.timeline.about") },
          { value: "actor", label: t("audit.timeline.by") }
        ]}
      />
      {events.isError ? <Text c="red.9">{t("audit.loadFailed")}</Text> : null}
      {events.data === undefined ? null : events.data.items.length === 0 ? (
        <Text>{t("audit.none")}</Text>
      ) : (
        <>
          <AuditEventsTable
            events={events.data.items}
            label={t("audit.timeline.title")}
            showTarget={view === "actor"}
          />
          <CursorPager pages={pages} nextCursor={events.data.nextCursor} />
        </>
      )}
    </Stack>
  )
}
