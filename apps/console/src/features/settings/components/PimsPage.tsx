import { Badge, Button, Fieldset, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { type PimsSettings, pimsSettingsQuery, useSavePimsDefaults } from "../api/settings.ts"
import { saveSettings } from "../fieldErrors.ts"
import { SettingsFormPage } from "./SettingsPage.tsx"

const FIELDS = ["defaultCredentials.username", "defaultCredentials.password"] as const

/**
 * 000's default PIMS credentials: one shared PIMS account for every user (their own fields are then locked).
 * The verify URL is shown read only: the platform operator sets it, never a tenant admin.
 */
export function PimsPage() {
  const { t } = useTranslation()
  return (
    <SettingsFormPage
      title={t("settings.pims.title")}
      query={useQuery(pimsSettingsQuery)}
      form={(settings) => <PimsForm settings={settings} />}
    />
  )
}

function PimsForm({ settings }: { readonly settings: PimsSettings }) {
  const { t } = useTranslation()
  const save = useSavePimsDefaults()
  const inUse = settings.defaultCredentials
  const form = useForm({
    mode: "controlled",
    initialValues: { defaultCredentials: { username: inUse?.username ?? "", password: "" } }
  })
  const setFieldError = (path: string, message: string) => form.setFieldError(path, message)

  return (
    <Stack>
      <TextInput
        label={t("settings.pims.verifyUrl")}
        description={t("settings.pims.verifyUrlHelp")}
        value={settings.verifyUrl ?? t("settings.pims.verifyUrlNone")}
        readOnly
        variant="filled"
      />
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          const request = {
            username: values.defaultCredentials.username.trim(),
            password: values.defaultCredentials.password
          }
          const saved = await saveSettings(() => save.mutateAsync(request), {
            fields: FIELDS,
            setFieldError,
            t
          })
          if (saved) form.setFieldValue("defaultCredentials.password", "")
        })}
      >
        <Fieldset legend={t("settings.pims.defaultTitle")}>
          <Stack gap="sm">
            <Text size="sm">{t("settings.pims.defaultIntro")}</Text>
            <Group gap="xs">
              <Badge color={inUse === null ? "gray.7" : "teal.9"}>
                {inUse === null
                  ? t("settings.pims.notInUse")
                  : t("settings.pims.inUse", { username: inUse.username })}
              </Badge>
            </Group>
            <TextInput
              label={t("settings.pims.username")}
              required
              autoComplete="off"
              {...form.getInputProps("defaultCredentials.username")}
            />
            <PasswordInput
              label={t("settings.pims.password")}
              description={inUse === null ? undefined : t("settings.pims.passwordKept")}
              required
              autoComplete="new-password"
              visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
              {...form.getInputProps("defaultCredentials.password")}
              aria-invalid={form.errors["defaultCredentials.password"] !== undefined}
            />
            <Group>
              <Button type="submit" loading={save.isPending && save.variables !== null}>
                {t("settings.save")}
              </Button>
              {inUse === null ? null : (
                <Button
                  variant="default"
                  color="red"
                  loading={save.isPending && save.variables === null}
                  onClick={() =>
                    saveSettings(() => save.mutateAsync(null), {
                      fields: [],
                      setFieldError,
                      t,
                      saved: t("settings.pims.removed")
                    })
                  }
                >
                  {t("settings.pims.remove")}
                </Button>
              )}
            </Group>
          </Stack>
        </Fieldset>
      </form>
    </Stack>
  )
}
