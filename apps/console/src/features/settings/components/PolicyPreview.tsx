import type { PasswordPolicy } from "@gatehouse/domain"
import { Checkbox, Fieldset, PasswordInput, Stack, Text } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { PasswordChecklist } from "../../../components/PasswordChecklist.tsx"
import { passwordChecks } from "../../../lib/passwordRules.ts"
import { useMe } from "../../../lib/session.ts"

/**
 * The live preview: a sample password judged by the domain's own rules (`passwordChecks`) on the policy being
 * edited, before it is saved. The sample stays in the page: it is never sent.
 */
export function PolicyPreview({ policy }: { readonly policy: PasswordPolicy }) {
  const { t } = useTranslation()
  const me = useMe()
  const [sample, setSample] = useState("")
  const [hasMfa, setHasMfa] = useState(false)
  const checks = passwordChecks(policy, sample, { tenantName: me.tenant.name, hasMfa })
  return (
    <Fieldset legend={t("settings.passwordPolicy.preview")}>
      <Stack gap="sm">
        <Text size="sm">{t("settings.passwordPolicy.previewHelp")}</Text>
        <PasswordInput
          label={t("settings.passwordPolicy.previewPassword")}
          autoComplete="off"
          value={sample}
          onChange={(event) => setSample(event.currentTarget.value)}
          visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
        />
        <Checkbox
          label={t("settings.passwordPolicy.previewWithMfa")}
          checked={hasMfa}
          onChange={(event) => setHasMfa(event.currentTarget.checked)}
        />
        <PasswordChecklist checks={checks} />
      </Stack>
    </Fieldset>
  )
}
