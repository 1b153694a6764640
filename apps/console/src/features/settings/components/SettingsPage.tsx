import { Alert, Stack, Text, Title } from "@mantine/core"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { RequirePermission } from "../../../components/RequirePermission.tsx"

/** The frame of a settings page: `settings:manage` only, a heading, an introduction, the form. */
export function SettingsPage({
  title,
  intro,
  failed,
  children
}: {
  readonly title: string
  readonly intro?: string | undefined
  readonly failed?: boolean | undefined
  readonly children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <RequirePermission permission="settings:manage">
      <Stack maw={760}>
        <Title order={1}>{title}</Title>
        {intro === undefined ? null : <Text>{intro}</Text>}
        {failed === true ? <Alert color="red">{t("settings.loadFailed")}</Alert> : children}
      </Stack>
    </RequirePermission>
  )
}
