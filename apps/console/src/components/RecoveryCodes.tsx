import { Alert, Button, Checkbox, List, Stack, Text, Title } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"

interface Props {
  readonly codes: ReadonlyArray<string>
  readonly continueLabel: string
  readonly onContinue: () => void
}

/** The recovery codes, shown this once; the person confirms they saved them before going on. */
export function RecoveryCodes({ codes, continueLabel, onContinue }: Props) {
  const { t } = useTranslation()
  const [saved, setSaved] = useState(false)
  return (
    <Stack>
      <Title order={2} size="h3">
        {t("totp.recoveryTitle")}
      </Title>
      <Alert color="orange" role="note">
        {t("totp.recoveryOnce")}
      </Alert>
      <Text size="sm">{t("totp.recoveryIntro")}</Text>
      <List aria-label={t("totp.recoveryTitle")} ff="monospace" spacing={2}>
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Checkbox
        label={t("totp.recoverySaved")}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Button disabled={!saved} onClick={onContinue}>
        {continueLabel}
      </Button>
    </Stack>
  )
}
