import { Code, Group, Table, Text } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { actionLabel } from "../actionLabel.ts"
import type { AuditEvent } from "../api/audit.ts"
import { UserName } from "./UserName.tsx"

const when = (at: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(at))

function Actor({ event }: { readonly event: AuditEvent }) {
  const { t } = useTranslation()
  if (event.actorKind === "user" && event.actorId !== null) return <UserName id={event.actorId} />
  if (event.actorKind === "user") return <Text size="sm">{t("audit.actorKinds.anonymous")}</Text>
  return <Text size="sm">{t(`audit.actorKinds.${event.actorKind}`)}</Text>
}

function Target({ event }: { readonly event: AuditEvent }) {
  if (event.targetId === null) return <Text size="sm">—</Text>
  if (event.targetType === "user") return <UserName id={event.targetId} />
  return (
    <Text size="sm">
      {event.targetType ?? ""} <Code>{event.targetId.slice(0, 8)}</Code>
    </Text>
  )
}

// The details as `key: value` lines; nothing secret is ever in them (the domain's audit helper sees to that).
function Details({ details }: { readonly details: Record<string, unknown> }) {
  const entries = Object.entries(details)
  if (entries.length === 0) return null
  return (
    <Group gap={4}>
      {entries.map(([key, value]) => (
        <Code key={key}>{`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`}</Code>
      ))}
    </Group>
  )
}

/** Audit events, newest first: when, who, what, about whom, and the details. */
export function AuditEventsTable({
  events,
  label,
  showTarget = true
}: {
  readonly events: ReadonlyArray<AuditEvent>
  readonly label: string
  readonly showTarget?: boolean
}) {
  const { t, i18n } = useTranslation()
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("audit.columns.at")}</Table.Th>
            <Table.Th>{t("audit.columns.actor")}</Table.Th>
            <Table.Th>{t("audit.columns.action")}</Table.Th>
            {showTarget ? <Table.Th>{t("audit.columns.target")}</Table.Th> : null}
            <Table.Th>{t("audit.columns.details")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id} data-action={event.action}>
              <Table.Td>
                <Text size="sm" component="time" dateTime={event.at}>
                  {when(event.at, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Actor event={event} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={event.action}>
                  {actionLabel(i18n, event.action)}
                </Text>
              </Table.Td>
              {showTarget ? (
                <Table.Td>
                  <Target event={event} />
                </Table.Td>
              ) : null}
              <Table.Td>
                <Details details={event.details as Record<string, unknown>} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
