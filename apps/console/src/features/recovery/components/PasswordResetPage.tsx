import { isProblem } from "@gatehouse/client"
import { Alert, Anchor, Center, Loader, Stack, Text, Title } from "@mantine/core"
import { useNavigate } from "@tanstack/react-router"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { CenteredCard } from "../../../components/CenteredCard.tsx"
import { TokenProblem } from "../../../components/TokenProblem.tsx"
import { forgetFragment, fragmentToken } from "../../../lib/fragmentToken.ts"
import { applySessionWords } from "../../../lib/i18n/i18n.ts"
import { usePasswordResetStart } from "../api/recovery.ts"
import { PasswordResetForm } from "./PasswordResetForm.tsx"

/**
 * `/password-reset#token=...`: the link is checked first (whose account, the tenant's words and policy), then a
 * new password with the live check-marks; every session ends; TOTP is still asked at sign-in.
 */
export function PasswordResetPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [token] = useState(fragmentToken)
  const started = usePasswordResetStart(token)
  const [linkFailure, setLinkFailure] = useState<unknown>(undefined)
  const [done, setDone] = useState<string | undefined>(undefined)
  const preset = started.data?.tenant.preset
  useEffect(() => {
    if (preset !== undefined) applySessionWords(preset, null)
  }, [preset])

  const failure = linkFailure ?? started.error
  let body: React.ReactNode
  if (token === undefined) body = <TokenProblem error={undefined} kind="reset" />
  else if (done !== undefined)
    body = (
      <>
        <Alert color="teal" role="status">
          {t("recovery.resetDone")}
        </Alert>
        <Anchor
          component="button"
          type="button"
          onClick={() => void navigate({ to: "/sign-in", search: { tenant: done } })}
        >
          {t("setup.toSignIn")}
        </Anchor>
      </>
    )
  else if (failure !== null && failure !== undefined)
    body = isProblem(failure, "TOO_MANY_ATTEMPTS", "RATE_LIMITED") ? (
      <Alert color="orange" role="alert">
        {failure.detail}
      </Alert>
    ) : (
      <TokenProblem error={failure} kind="reset" />
    )
  else if (started.data === undefined)
    body = (
      <Center>
        <Loader aria-label={t("app.loading")} />
      </Center>
    )
  else {
    const account = started.data
    body = (
      <>
        <Text>{t("recovery.resetIntro", { email: account.email, tenantName: account.tenant.name })}</Text>
        <PasswordResetForm
          token={token}
          started={account}
          onLinkFailure={setLinkFailure}
          onDone={() => {
            forgetFragment()
            setDone(account.tenant.slug)
          }}
        />
      </>
    )
  }
  return (
    <CenteredCard>
      <Stack>
        <Title order={1} size="h2">
          {t("recovery.resetTitle")}
        </Title>
        {body}
      </Stack>
    </CenteredCard>
  )
}
