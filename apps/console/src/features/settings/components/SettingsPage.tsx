import { Alert, Stack, Text, Title } from "@mantine/core"
import type { UseQueryResult } from "@tanstack/react-query"
import { Fragment, type ReactNode } from "react"
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

/**
 * A settings page whose form edits what one query loaded: "Loading" until it is there, and a fresh form (its
 * initial values) each time the saved settings change.
 */
export function SettingsFormPage<T>({
  title,
  intro,
  query,
  form
}: {
  readonly title: string
  readonly intro?: string | undefined
  readonly query: UseQueryResult<T>
  readonly form: (saved: T) => ReactNode
}) {
  const { t } = useTranslation()
  const saved = query.data
  return (
    <SettingsPage title={title} intro={intro} failed={query.isError}>
      {saved === undefined ? (
        <Text>{t("app.loading")}</Text>
      ) : (
        <Fragment key={JSON.stringify(saved)}>{form(saved)}</Fragment>
      )}
    </SettingsPage>
  )
}
