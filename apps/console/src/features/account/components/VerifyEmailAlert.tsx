import { Alert, Button, Stack, Text } from "@mantine/core"
import { IconMailExclamation } from "@tabler/icons-react"
import { useTranslation } from "react-i18next"
import { notifyProblem } from "../../../lib/problems.ts"
import type { Me } from "../../../lib/session.ts"
import { useRequestEmailVerification } from "../api/profile.ts"

/** "Verify your email", while the address is not verified: sends the link to /verify-email. */
export function VerifyEmailAlert({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const send = useRequestEmailVerification()
  return (
    <Alert
      color="yellow"
      variant="light"
      styles={{ title: { color: "var(--mantine-color-dark-9)" } }}
      title={t("account.verify.title")}
      icon={<IconMailExclamation aria-hidden />}
    >
      <Stack gap="xs">
        {send.isSuccess ? (
          <Text size="sm" role="status">
            {t("account.verify.sent", { email: me.email })}
          </Text>
        ) : (
          <>
            <Text size="sm">{t("account.verify.text")}</Text>
            <div>
              <Button
                size="xs"
                loading={send.isPending}
                onClick={() => send.mutate(undefined, { onError: (error) => notifyProblem(error, t) })}
              >
                {t("account.verify.send")}
              </Button>
            </div>
          </>
        )}
      </Stack>
    </Alert>
  )
}
