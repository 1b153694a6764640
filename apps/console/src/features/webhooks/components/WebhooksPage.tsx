import { isProblem } from "@gatehouse/client"
import {
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Text,
  TextInput,
  Title
} from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { type EventChoice, SUBSCRIBABLE, useWebhookWrites, webhooksQuery } from "../api/webhooks.ts"
import { DeliveriesTable } from "./DeliveriesTable.tsx"

/** Settings > Webhooks: the tenant's endpoints, their secrets (shown once), tests, rotation and deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation()
  const webhooks = useQuery(webhooksQuery)
  const writes = useWebhookWrites()
  const [adding, setAdding] = useState(false)
  const [secret, setSecret] = useState<string | undefined>(undefined)
  const addButton = useRef<HTMLButtonElement>(null)
  // a new webhook's secret: the button that opened its dialog is gone with the Add webhook dialog, so the focus,
  // which would be left on the page's body (a keyboard user starting over from the top), goes to Add webhook
  const focusAddAfterSecret = useRef(false)
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work()
    } catch (error) {
      notifyProblem(error, t)
    }
  }
  return (
    <Stack>
      <Title order={1}>{t("webhooks.title")}</Title>
      <Text>{t("webhooks.intro")}</Text>
      <Group>
        <Button ref={addButton} onClick={() => setAdding(true)}>
          {t("webhooks.add")}
        </Button>
      </Group>
      {webhooks.data?.items.length === 0 ? <Text>{t("webhooks.empty")}</Text> : null}
      {(webhooks.data?.items ?? []).map((webhook) => (
        <Card withBorder key={webhook.id} component="section" aria-label={webhook.url}>
          <Stack>
            <Group justify="space-between">
              <Title order={2} size="h4">
                {webhook.url}
              </Title>
              <Badge color={webhook.enabled ? "teal.9" : "red.9"}>
                {webhook.enabled
                  ? t("webhooks.enabled")
                  : webhook.disabledReason === "gone"
                    ? t("webhooks.disabledGone")
                    : t("webhooks.disabled")}
              </Badge>
            </Group>
            {webhook.description === null ? null : <Text>{webhook.description}</Text>}
            <Text size="sm">
              {t("webhooks.events")}:{" "}
              {webhook.events.map((e) => (e === "*" ? t("webhooks.allEvents") : e)).join(", ")}
            </Text>
            <Group>
              <Button
                variant="default"
                loading={writes.test.isPending}
                onClick={() =>
                  void attempt(async () => {
                    await writes.test.mutateAsync(webhook.id)
                    notify("teal", t("webhooks.testQueued"))
                  })
                }
              >
                {t("webhooks.sendTest")}
              </Button>
              <Button
                variant="default"
                title={t("webhooks.rotateHint")}
                onClick={() =>
                  void attempt(async () => setSecret((await writes.rotate.mutateAsync(webhook.id)).secret))
                }
              >
                {t("webhooks.rotate")}
              </Button>
              <Button color="red.9" onClick={() => void attempt(() => writes.remove.mutateAsync(webhook.id))}>
                {t("webhooks.remove")}
              </Button>
            </Group>
            <DeliveriesTable webhookId={webhook.id} url={webhook.url} />
          </Stack>
        </Card>
      ))}
      <AddWebhookModal
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(created) => {
          focusAddAfterSecret.current = true
          setAdding(false)
          setSecret(created)
        }}
      />
      <Modal
        opened={secret !== undefined}
        onClose={() => setSecret(undefined)}
        onExitTransitionEnd={() => {
          if (focusAddAfterSecret.current) addButton.current?.focus()
          focusAddAfterSecret.current = false
        }}
        title={t("webhooks.secretTitle")}
        closeButtonProps={{ "aria-label": t("admin.close") }}
      >
        <Stack>
          <Text>{t("webhooks.secretOnce")}</Text>
          <TextInput readOnly label={t("webhooks.secretLabel")} value={secret ?? ""} />
          <Group>
            <CopyButton value={secret ?? ""}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t("webhooks.copied") : t("webhooks.copy")}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(undefined)}>{t("webhooks.done")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}

function AddWebhookModal(props: {
  readonly opened: boolean
  readonly onClose: () => void
  readonly onCreated: (secret: string) => void
}) {
  const { t } = useTranslation()
  const { create } = useWebhookWrites()
  const form = useForm({
    initialValues: { url: "", events: ["*"] as Array<string>, description: "" }
  })
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("webhooks.add")}
      closeButtonProps={{ "aria-label": t("admin.close") }}
    >
      <form
        onSubmit={form.onSubmit(async (values) => {
          try {
            const created = await create.mutateAsync({
              url: values.url.trim(),
              events: values.events as Array<EventChoice>,
              ...(values.description.trim() === "" ? {} : { description: values.description.trim() })
            })
            form.reset()
            props.onCreated(created.secret)
          } catch (error) {
            if (isProblem(error, "OUTBOUND_URL_REFUSED")) form.setFieldError("url", error.detail)
            else if (isProblem(error, "VALIDATION") && error.errors.length > 0)
              for (const e of error.errors) form.setFieldError(e.path.split(".")[0] ?? e.path, e.message)
            else notifyProblem(error, t)
          }
        })}
      >
        <Stack>
          <TextInput required label={t("webhooks.url")} {...form.getInputProps("url")} />
          <MultiSelect
            label={t("webhooks.events")}
            data={[
              { value: "*", label: t("webhooks.allEvents") },
              ...SUBSCRIBABLE.map((e) => ({ value: e, label: e }))
            ]}
            searchable
            {...form.getInputProps("events")}
          />
          <TextInput label={t("webhooks.description")} {...form.getInputProps("description")} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("webhooks.create")}
            </Button>
            <Button variant="default" onClick={props.onClose}>
              {t("webhooks.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
