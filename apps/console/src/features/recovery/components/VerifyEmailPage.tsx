import { Alert, Anchor, Center, Loader, Stack, Title } from "@mantine/core"
import { Link } from "@tanstack/react-router"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { CenteredCard } from "../../../components/CenteredCard.tsx"
import { TokenProblem } from "../../../components/TokenProblem.tsx"
import { forgetFragment, fragmentToken } from "../../../lib/fragmentToken.ts"
import { useCompleteEmailVerification } from "../api/recovery.ts"

/** `/verify-email#token=...`: confirms the address as soon as the page opens. */
export function VerifyEmailPage() {
  const { t } = useTranslation()
  const [token] = useState(fragmentToken)
  const verify = useCompleteEmailVerification()
  const { mutate } = verify
  useEffect(() => {
    if (token !== undefined) mutate(token, { onSuccess: forgetFragment })
  }, [token, mutate])
  return (
    <CenteredCard>
      <Stack>
        <Title order={1} size="h2">
          {t("recovery.verifyTitle")}
        </Title>
        {token === undefined || verify.isError ? (
          <TokenProblem error={verify.error ?? undefined} kind="verify" />
        ) : verify.isSuccess ? (
          <>
            <Alert color="teal" role="status">
              {t("recovery.verified")}
            </Alert>
            <Anchor component={Link} to="/">
              {t("app.backHome")}
            </Anchor>
          </>
        ) : (
          <Center>
            <Loader aria-label={t("app.loading")} />
          </Center>
        )}
      </Stack>
    </CenteredCard>
  )
}
