import { Switch, Text } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { accountRecoveryQuery, useSaveAccountRecovery } from "../api/settings.ts"
import { SettingsPage } from "./SettingsPage.tsx"

/** Whether users may reset a forgotten password by email: one switch, saved as it is flipped. */
export function AccountRecoveryPage() {
  const { t } = useTranslation()
  const settings = useQuery(accountRecoveryQuery)
  const save = useSaveAccountRecovery()
  const on = save.isPending ? save.variables : settings.data?.passwordReset
  return (
    <SettingsPage title={t("settings.accountRecovery.title")} failed={settings.isError}>
      {on === undefined ? (
        <Text>{t("app.loading")}</Text>
      ) : (
        <Switch
          label={t("settings.accountRecovery.passwordReset")}
          description={on ? t("settings.accountRecovery.onHelp") : t("settings.accountRecovery.offHelp")}
          checked={on}
          disabled={save.isPending}
          onChange={async (event) => {
            try {
              await save.mutateAsync(event.currentTarget.checked)
              notify("teal", t("settings.saved"))
            } catch (error) {
              notifyProblem(error, t)
            }
          }}
        />
      )}
    </SettingsPage>
  )
}
