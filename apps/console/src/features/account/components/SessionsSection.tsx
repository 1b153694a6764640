import { Badge, Button, Stack, Table, Text, VisuallyHidden } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem, problemMessage } from "../../../lib/problems.ts"
import { type MySession, mySessionsQuery, useRevokeSession } from "../api/sessions.ts"

interface Props {
  /** This browser's session was ended: every cached answer goes, and the person signs in again. */
  readonly onCurrentRevoked: (message: string) => void
}

/** Where the person is signed in (`GET /v1/me/sessions`), this browser marked; each can be signed out. */
export function SessionsSection({ onCurrentRevoked }: Props) {
  const { t, i18n } = useTranslation()
  const sessions = useQuery(mySessionsQuery)
  const revoke = useRevokeSession()
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium" })
  if (sessions.isError) {
    return (
      <Text role="alert" c="red.9">
        {problemMessage(sessions.error, t)}
      </Text>
    )
  }
  if (sessions.data === undefined) return <Text>{t("app.loading")}</Text>
  const end = (session: MySession) =>
    revoke.mutate(session, {
      onSuccess: () =>
        session.current
          ? onCurrentRevoked(t("account.sessions.revokedCurrent"))
          : notify("teal", t("account.sessions.revoked")),
      onError: (error) => notifyProblem(error, t)
    })
  return (
    <Stack>
      <Text size="sm">{t("account.sessions.intro")}</Text>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t("account.sessions.title")} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("account.sessions.started")}</Table.Th>
              <Table.Th>{t("account.sessions.lastSeen")}</Table.Th>
              <Table.Th>{t("account.sessions.expires")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("account.sessions.revoke")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((session) => {
              const started = when.format(new Date(session.createdAt))
              return (
                <Table.Tr key={session.id} data-current={session.current}>
                  <Table.Td>
                    {started}{" "}
                    {session.current ? (
                      <Badge color="indigo.8" ml="xs">
                        {t("account.sessions.current")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{when.format(new Date(session.lastSeenAt))}</Table.Td>
                  <Table.Td>{when.format(new Date(session.expiresAt))}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t("account.sessions.revokeSession", {
                        when: `${started}${session.current ? ` (${t("account.sessions.current")})` : ""}`
                      })}
                      loading={revoke.isPending && revoke.variables?.id === session.id}
                      onClick={() => end(session)}
                    >
                      {t("account.sessions.revoke")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dark.4">
        {t("account.sessions.count", { count: sessions.data.total })}
      </Text>
    </Stack>
  )
}
