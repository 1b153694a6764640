import { fieldError, isProblem } from "@gatehouse/client"
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useNavigate, useSearch } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { RequirePermission } from "../../../components/RequirePermission.tsx"
import { problemMessage } from "../../../lib/problems.ts"
import { actionLabel, knownActions } from "../actionLabel.ts"
import { auditEventsQuery } from "../api/audit.ts"
import { type AuditSearch, apiQueryOf } from "../search.ts"
import { AuditEventsTable } from "./AuditEventsTable.tsx"
import { CursorPager, useCursorPages } from "./CursorPager.tsx"
import { DayField } from "./DayField.tsx"
import { UserPicker } from "./UserPicker.tsx"

/** The tenant's audit log (audit:read): filters by actor, target, action and days, newest first, cursor pages. */
export function AuditLogPage() {
  return (
    <RequirePermission permission="audit:read">
      <AuditLog />
    </RequirePermission>
  )
}

function AuditLog() {
  const { t, i18n } = useTranslation()
  const search = useSearch({ from: "/signed-in/audit" })
  const navigate = useNavigate({ from: "/audit" })
  const pages = useCursorPages()
  const events = useQuery(
    auditEventsQuery({
      ...apiQueryOf(search),
      limit: 50,
      ...(pages.cursor === undefined ? {} : { cursor: pages.cursor })
    })
  )
  const filter = (change: Partial<Record<keyof AuditSearch, string | undefined>>) => {
    pages.reset()
    void navigate({
      search: (previous: AuditSearch) => {
        const next: Record<string, string> = {}
        for (const [key, value] of Object.entries({ ...previous, ...change }))
          if (value !== undefined && value !== "") next[key] = value
        return next
      },
      replace: true
    })
  }
  const error = events.error
  const fromError = fieldError(error, "from")
  const toError = fieldError(error, "before")
  const otherError = error !== null && fromError === undefined && toError === undefined

  return (
    <Stack>
      <Title order={1}>{t("audit.title")}</Title>
      <Paper withBorder p="md" component="section" aria-label={t("audit.filters")}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <UserPicker label={t("audit.actor")} value={search.actor} onChange={(actor) => filter({ actor })} />
          <UserPicker
            label={t("audit.target")}
            value={search.target}
            onChange={(target) => filter({ target })}
          />
          <Select
            label={t("audit.action")}
            placeholder={t("audit.anyAction")}
            searchable
            clearable
            data={knownActions(i18n).map((action) => ({ value: action, label: actionLabel(i18n, action) }))}
            value={search.action ?? null}
            onChange={(action) => filter({ action: action ?? undefined })}
            clearButtonProps={{ "aria-label": t("admin.clear") }}
          />
          <DayField
            label={t("audit.from")}
            value={search.from ?? ""}
            onChange={(from) => filter({ from })}
            error={fromError}
          />
          <DayField
            label={t("audit.to")}
            value={search.to ?? ""}
            onChange={(to) => filter({ to })}
            error={toError}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              filter({
                actor: undefined,
                target: undefined,
                action: undefined,
                from: undefined,
                to: undefined
              })
            }
          >
            {t("audit.clearFilters")}
          </Button>
        </Group>
      </Paper>
      {otherError ? (
        <Alert color="red">{isProblem(error) ? problemMessage(error, t) : t("audit.loadFailed")}</Alert>
      ) : null}
      {events.data === undefined ? (
        events.isPending ? (
          <Text>{t("app.loading")}</Text>
        ) : null
      ) : (
        <>
          <Text size="sm" role="status">
            {t("audit.total", { count: events.data.total })}
          </Text>
          {events.data.items.length === 0 ? (
            <Text>{t("audit.none")}</Text>
          ) : (
            <AuditEventsTable events={events.data.items} label={t("audit.tableLabel")} />
          )}
          <CursorPager pages={pages} nextCursor={events.data.nextCursor} />
        </>
      )}
    </Stack>
  )
}
