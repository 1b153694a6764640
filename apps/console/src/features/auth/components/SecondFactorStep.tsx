import { Anchor, Button, Group, Stack, Text, TextInput } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"

interface Props {
  readonly busy: boolean
  readonly blocked: boolean
  readonly onSubmit: (code: string) => void
  readonly onBack: () => void
}

/** The second step of sign-in: the authenticator's code, or one of the recovery codes. */
export function SecondFactorStep({ busy, blocked, onSubmit, onBack }: Props) {
  const { t } = useTranslation()
  const [recovery, setRecovery] = useState(false)
  const [code, setCode] = useState("")
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        if (code.trim() !== "") onSubmit(code.trim())
      }}
      noValidate
    >
      <Stack>
        <Text size="sm" c="dark.4">
          {recovery ? t("signIn.recoveryIntro") : t("signIn.mfaIntro")}
        </Text>
        {recovery ? (
          <TextInput
            key="recovery"
            label={t("signIn.recoveryCode")}
            autoComplete="off"
            spellCheck={false}
            required
            data-autofocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
        ) : (
          <TextInput
            key="totp"
            label={t("signIn.totpCode")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            data-autofocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value.replace(/\D/gu, ""))}
          />
        )}
        <Button type="submit" loading={busy} disabled={blocked || code.trim() === ""}>
          {t("signIn.verify")}
        </Button>
        <Group justify="space-between">
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setRecovery(!recovery)
              setCode("")
            }}
          >
            {recovery ? t("signIn.useTotpCode") : t("signIn.useRecoveryCode")}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {t("signIn.back")}
          </Anchor>
        </Group>
      </Stack>
    </form>
  )
}
