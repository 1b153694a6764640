import "@mantine/charts/styles.css"
import { BarChart, DonutChart } from "@mantine/charts"
import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { daysUntil, expiringMembershipsQuery, signInsQuery, usersOverviewQuery } from "../api/overview.ts"

const STATUS_COLORS = {
  active: "teal.6",
  pending: "blue.6",
  disabled: "orange.6",
  deactivated: "gray.6"
} as const
type Status = keyof typeof STATUS_COLORS

/**
 * The admins' home: what needs attention, as pictures where one would rather look than read (users by
 * status, sign-ins per day) and as text where a number or a name is the point. Each chart has its figures
 * in text too, for screen readers.
 */
export function Overview({ canReadAudit }: { readonly canReadAudit: boolean }) {
  const { t } = useTranslation()
  const users = useQuery(usersOverviewQuery)
  const signIns = useQuery({ ...signInsQuery, enabled: canReadAudit })
  const expiring = useQuery(expiringMembershipsQuery)
  const statuses: ReadonlyArray<Status> = ["active", "pending", "disabled", "deactivated"]
  const byStatus = users.data?.byStatus
  const totalSignIns = (signIns.data?.days ?? []).reduce((n, d) => n + d.count, 0)

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Stack>
          <Title order={2} size="h4">
            {t("admin.home.usersByStatus")}
          </Title>
          {byStatus === undefined ? null : (
            <Group wrap="nowrap" align="center">
              <DonutChart
                aria-hidden
                inert
                pieChartProps={{ accessibilityLayer: false }}
                size={140}
                thickness={24}
                withTooltip={false}
                data={statuses.map((s) => ({
                  name: t(`admin.users.statuses.${s}`),
                  value: byStatus[s],
                  color: STATUS_COLORS[s]
                }))}
              />
              <Stack gap={2} data-testid="users-by-status">
                {statuses.map((s) => (
                  <Text key={s} size="sm">
                    {t("admin.home.statusCount", {
                      status: t(`admin.users.statuses.${s}`),
                      count: byStatus[s]
                    })}
                  </Text>
                ))}
              </Stack>
            </Group>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={2} size="h4">
            {t("admin.home.pendingInvitations")}
          </Title>
          <Text size="xl" fw={700} data-testid="pending-invitations">
            {users.data?.pendingInvitations ?? "…"}
          </Text>
          <Text size="sm" c="dark.4">
            {t("admin.home.pendingInvitationsHint")}
          </Text>
        </Stack>
      </Card>
      {canReadAudit ? (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">
              {t("admin.home.signIns")}
            </Title>
            <Text size="sm" data-testid="sign-ins-total">
              {t("admin.home.signInsTotal", { count: totalSignIns })}
            </Text>
            <BarChart
              aria-hidden
              inert
              barChartProps={{ accessibilityLayer: false }}
              h={160}
              data={(signIns.data?.days ?? []).map((d) => ({ day: d.day.slice(5), count: d.count }))}
              dataKey="day"
              series={[{ name: "count", label: t("admin.home.signInsSeries"), color: "blue.6" }]}
              tickLine="none"
              gridAxis="y"
            />
          </Stack>
        </Card>
      ) : null}
      <Card withBorder>
        <Stack>
          <Title order={2} size="h4">
            {t("admin.home.expiring")}
          </Title>
          {(expiring.data?.items.length ?? 0) === 0 ? (
            <Text size="sm">{t("admin.home.expiringNone")}</Text>
          ) : (
            <Table aria-label={t("admin.home.expiring")}>
              <Table.Tbody>
                {(expiring.data?.items ?? []).map((m) => (
                  <Table.Tr key={`${m.organization.id}/${m.user.id}`}>
                    <Table.Td>
                      <Link to="/users/$userId" params={{ userId: m.user.id }}>
                        {`${m.user.firstName} ${m.user.lastName}`}
                      </Link>
                    </Table.Td>
                    <Table.Td>{m.organization.name}</Table.Td>
                    <Table.Td>{t("admin.memberships.expiresIn", { count: daysUntil(m.expiresAt) })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {expiring.data !== undefined && expiring.data.total > expiring.data.items.length ? (
            <Text size="sm">
              {t("admin.home.expiringMore", { count: expiring.data.total - expiring.data.items.length })}
            </Text>
          ) : null}
        </Stack>
      </Card>
    </SimpleGrid>
  )
}
