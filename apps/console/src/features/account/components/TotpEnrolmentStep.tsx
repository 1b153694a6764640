import { Stack, Text, Title } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { ConfirmTotpEnrolment } from "./ConfirmTotpEnrolment.tsx"

interface Props {
  /** After the recovery codes: every session has ended, so back to sign-in. */
  readonly onFinished: () => void
}

/** TOTP enrolment when a role (or an admin) requires it: the only thing an `mfa_enrollment` session can do. */
export function TotpEnrolmentStep({ onFinished }: Props) {
  const { t } = useTranslation()
  return (
    <Stack maw={520}>
      <ConfirmTotpEnrolment
        header={
          <>
            <Title order={1} size="h2">
              {t("totp.title")}
            </Title>
            <Text>{t("totp.intro")}</Text>
          </>
        }
        onFinished={onFinished}
      />
    </Stack>
  )
}
