import { Button, Center, Group, Loader, Stack, Text } from "@mantine/core"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { RecoveryCodes } from "../../../components/RecoveryCodes.tsx"
import { TotpEnrolment } from "../../../components/TotpEnrolment.tsx"
import { problemMessage } from "../../../lib/problems.ts"
import { useConfirmTotp, useStartTotpEnrolment } from "../api/totp.ts"
import { useCodeForm } from "../hooks/useCodeForm.ts"

interface Props {
  /** Shown above the enrolment until it is confirmed (a page's title and introduction). */
  readonly header?: ReactNode
  /** Shown first inside the form. */
  readonly intro?: ReactNode
  /** A Cancel button beside Confirm, when the enrolment can be left. */
  readonly onCancel?: () => void
  /** After the recovery codes: every session has ended with the confirmation. */
  readonly onFinished: () => void
}

/**
 * Enrolling one's own authenticator app: a new secret (QR code and key), a code to confirm it, then the recovery
 * codes once. The required enrolment step and the profile's dialog both show it.
 */
export function ConfirmTotpEnrolment({ header, intro, onCancel, onFinished }: Props) {
  const { t } = useTranslation()
  const started = useStartTotpEnrolment(true)
  const confirm = useConfirmTotp()
  const form = useCodeForm({
    submit: (code) => confirm.mutateAsync(code),
    fieldProblems: { INVALID_TOTP_CODE: t("totp.invalidCode") }
  })
  if (confirm.data !== undefined) {
    return (
      <RecoveryCodes
        codes={confirm.data.recoveryCodes}
        continueLabel={t("totp.continue")}
        onContinue={onFinished}
      />
    )
  }
  return (
    <>
      {header}
      {started.error !== null ? (
        <Text role="alert" c="red.9">
          {problemMessage(started.error, t)}
        </Text>
      ) : started.data === undefined ? (
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      ) : (
        <form noValidate onSubmit={form.onSubmit}>
          <Stack>
            {intro}
            <TotpEnrolment
              secret={started.data.secret}
              otpauthUri={started.data.otpauthUri}
              code={form.value}
              onCodeChange={form.setValue}
              error={form.error}
            />
            <Group justify="flex-end" grow={onCancel === undefined}>
              {onCancel === undefined ? null : (
                <Button variant="default" onClick={onCancel}>
                  {t("account.twoFactor.cancel")}
                </Button>
              )}
              <Button type="submit" loading={form.submitting} disabled={form.value.length !== 6}>
                {t("totp.confirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </>
  )
}
