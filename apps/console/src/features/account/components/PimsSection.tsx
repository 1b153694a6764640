import { isProblem } from "@gatehouse/client"
import { Alert, Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { IconInfoCircle, IconShieldCheck } from "@tabler/icons-react"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem, problemMessage } from "../../../lib/problems.ts"
import { myCredentialsQuery, usePutMyCredentials } from "../api/externalCredentials.ts"
import { DeletePimsCredentials } from "./DeletePimsCredentials.tsx"

/** The status chip: Connected (green, shield), Credentials Saved to Profile, or nothing saved yet. */
function StatusChip({ status }: { readonly status: "saved" | "connected" | null }) {
  const { t } = useTranslation()
  if (status === "connected")
    return (
      <Badge color="teal.9" leftSection={<IconShieldCheck size={14} aria-hidden />}>
        {t("account.pims.connected")}
      </Badge>
    )
  if (status === "saved") return <Badge color="gray.7">{t("account.pims.saved")}</Badge>
  return (
    <Badge color="gray.7" variant="outline">
      {t("account.pims.none")}
    </Badge>
  )
}

/**
 * PIMS Integration (000): the person's own PIMS login, validated by PIMS before it is stored (`PUT
 * .../external-credentials/pims` with `validate`). While the tenant's default credentials are set, the blue
 * alert says so and the fields are locked. Only the owner ever writes (or deletes) them; the password is never
 * read back.
 */
export function PimsSection({ system }: { readonly system: string }) {
  const { t } = useTranslation()
  const credentials = useQuery(myCredentialsQuery(system))
  if (credentials.isError) {
    return (
      <Text role="alert" c="red.9">
        {problemMessage(credentials.error, t)}
      </Text>
    )
  }
  if (credentials.data === undefined) return <Text>{t("app.loading")}</Text>
  return (
    <PimsForm
      key={`${credentials.data.username ?? ""}@${credentials.data.updatedAt ?? ""}`}
      system={system}
      username={credentials.data.username ?? ""}
      status={credentials.data.status}
      locked={credentials.data.locked}
    />
  )
}

interface FormProps {
  readonly system: string
  readonly username: string
  readonly status: "saved" | "connected" | null
  readonly locked: boolean
}

function PimsForm({ system, username, status, locked }: FormProps) {
  const { t } = useTranslation()
  const put = usePutMyCredentials(system)
  const form = useForm({
    mode: "controlled",
    initialValues: { username, password: "" },
    validate: {
      username: (value) => (value === "" ? t("account.required") : null),
      password: (value) => (value === "" ? t("account.required") : null)
    }
  })
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        try {
          await put.mutateAsync(values)
          notify("teal", t("account.pims.success"))
        } catch (error) {
          if (isProblem(error, "CREDENTIALS_INVALID")) notify("red", t("account.pims.invalid"))
          else if (isProblem(error, "VERIFIER_UNAVAILABLE")) notify("red", t("account.pims.unavailable"))
          else if (isProblem(error, "VERIFIER_NOT_CONFIGURED")) notify("red", t("account.pims.notConfigured"))
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t("account.pims.status")}
          </Text>
          <StatusChip status={status} />
        </Group>
        {locked ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t("account.pims.locked")}
          </Alert>
        ) : null}
        <TextInput
          label={t("account.pims.username")}
          autoComplete="off"
          required
          disabled={locked}
          {...form.getInputProps("username")}
        />
        <PasswordInput
          label={t("account.pims.password")}
          autoComplete="new-password"
          required
          disabled={locked}
          visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
          {...form.getInputProps("password")}
        />
        <Group justify="flex-end">
          {status !== null && !locked ? <DeletePimsCredentials system={system} /> : null}
          <Button type="submit" loading={put.isPending} disabled={locked}>
            {t("account.pims.saveValidate")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
