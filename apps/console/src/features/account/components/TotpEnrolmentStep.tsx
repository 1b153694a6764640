import { isProblem } from "@gatehouse/client"
import { Button, Center, Loader, Stack, Text, Title } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { RecoveryCodes } from "../../../components/RecoveryCodes.tsx"
import { TotpEnrolment } from "../../../components/TotpEnrolment.tsx"
import { notifyProblem, problemMessage } from "../../../lib/problems.ts"
import { useConfirmTotp, useStartTotpEnrolment } from "../api/totp.ts"

interface Props {
  /** After the recovery codes: every session has ended, so back to sign-in. */
  readonly onFinished: () => void
}

/** TOTP enrolment when a role (or an admin) requires it: the only thing an `mfa_enrollment` session can do. */
export function TotpEnrolmentStep({ onFinished }: Props) {
  const { t } = useTranslation()
  const started = useStartTotpEnrolment(true)
  const confirm = useConfirmTotp()
  const [code, setCode] = useState("")
  const [error, setError] = useState<string | undefined>(undefined)

  if (confirm.data !== undefined) {
    return (
      <Stack maw={520}>
        <RecoveryCodes
          codes={confirm.data.recoveryCodes}
          continueLabel={t("totp.continue")}
          onContinue={onFinished}
        />
      </Stack>
    )
  }
  return (
    <Stack maw={520}>
      <Title order={1} size="h2">
        {t("totp.title")}
      </Title>
      <Text>{t("totp.intro")}</Text>
      {started.error !== null ? (
        <Text role="alert" c="red.9">
          {problemMessage(started.error, t)}
        </Text>
      ) : started.data === undefined ? (
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      ) : (
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault()
            setError(undefined)
            try {
              await confirm.mutateAsync(code)
            } catch (failure) {
              if (isProblem(failure, "INVALID_TOTP_CODE")) setError(t("totp.invalidCode"))
              else notifyProblem(failure, t)
            }
          }}
        >
          <Stack>
            <TotpEnrolment
              secret={started.data.secret}
              otpauthUri={started.data.otpauthUri}
              code={code}
              onCodeChange={setCode}
              error={error}
            />
            <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
              {t("totp.confirm")}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  )
}
