import { Button, Group, Stack, Table, Text, Title } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { deliveriesQuery, useWebhookWrites } from "../api/webhooks.ts"

/** A webhook's deliveries, newest first: event, status, attempts, last answer, next attempt, and a retry. */
export function DeliveriesTable(props: { readonly webhookId: string; readonly url: string }) {
  const { t, i18n } = useTranslation()
  const deliveries = useQuery(deliveriesQuery(props.webhookId))
  const { retry } = useWebhookWrites()
  const when = (value: string | null) =>
    value === null
      ? ""
      : new Date(value).toLocaleString(i18n.language, { dateStyle: "short", timeStyle: "medium" })
  const items = deliveries.data?.items ?? []
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("webhooks.deliveries")}
        </Title>
        <Button size="xs" variant="default" onClick={() => void deliveries.refetch()}>
          {t("webhooks.refresh")}
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text size="sm">{t("webhooks.noDeliveries")}</Text>
      ) : (
        <Table aria-label={t("webhooks.deliveriesOf", { url: props.url })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("webhooks.columns.event")}</Table.Th>
              <Table.Th>{t("webhooks.columns.status")}</Table.Th>
              <Table.Th>{t("webhooks.columns.attempts")}</Table.Th>
              <Table.Th>{t("webhooks.columns.lastStatus")}</Table.Th>
              <Table.Th>{t("webhooks.columns.nextAttempt")}</Table.Th>
              <Table.Th>{t("webhooks.columns.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((delivery) => (
              <Table.Tr key={delivery.id}>
                <Table.Td>{delivery.eventType}</Table.Td>
                <Table.Td>{t(`webhooks.status.${delivery.status}`)}</Table.Td>
                <Table.Td>{delivery.attempts}</Table.Td>
                <Table.Td>
                  {delivery.lastStatus !== null
                    ? delivery.lastStatus
                    : delivery.lastError !== null
                      ? t("webhooks.noAnswer", { error: delivery.lastError })
                      : ""}
                </Table.Td>
                <Table.Td>{when(delivery.nextAttemptAt)}</Table.Td>
                <Table.Td>
                  {delivery.status === "pending" && delivery.attempts === 0 ? null : (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void retry
                          .mutateAsync({ id: props.webhookId, deliveryId: delivery.id })
                          .then(() => notify("teal", t("webhooks.retried")))
                          .catch((error: unknown) => notifyProblem(error, t))
                      }
                    >
                      {t("webhooks.retry")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
