import { isProblem } from "@gatehouse/client"
import { Alert, Anchor, Center, Loader, Stack, Text, Title } from "@mantine/core"
import { useNavigate } from "@tanstack/react-router"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { CenteredCard } from "../../../components/CenteredCard.tsx"
import { RecoveryCodes } from "../../../components/RecoveryCodes.tsx"
import { TokenProblem } from "../../../components/TokenProblem.tsx"
import { forgetFragment, fragmentToken } from "../../../lib/fragmentToken.ts"
import { applySessionWords } from "../../../lib/i18n/i18n.ts"
import { useSetupStart } from "../api/setup.ts"
import { SetupForm } from "./SetupForm.tsx"

type Finished = { readonly slug: string; readonly recoveryCodes: ReadonlyArray<string> | undefined }

/** `/setup#token=...` (003): display name, password, the authenticator when required, recovery codes once. */
export function SetupPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [token] = useState(fragmentToken)
  const started = useSetupStart(token)
  const [linkFailure, setLinkFailure] = useState<unknown>(undefined)
  const [finished, setFinished] = useState<Finished | undefined>(undefined)
  const preset = started.data?.tenant.preset
  useEffect(() => {
    if (preset !== undefined) applySessionWords(preset, null)
  }, [preset])

  const toSignIn = () => void navigate({ to: "/sign-in", search: { tenant: finished?.slug ?? "" } })

  if (token === undefined)
    return (
      <Frame>
        <TokenProblem error={undefined} kind="setup" />
      </Frame>
    )
  if (finished !== undefined) {
    return (
      <Frame>
        <Alert color="teal" role="status">
          {t("setup.done")}
        </Alert>
        {finished.recoveryCodes === undefined ? (
          <Anchor component="button" type="button" onClick={toSignIn}>
            {t("setup.toSignIn")}
          </Anchor>
        ) : (
          <RecoveryCodes
            codes={finished.recoveryCodes}
            continueLabel={t("totp.continue")}
            onContinue={toSignIn}
          />
        )}
      </Frame>
    )
  }
  const failure = linkFailure ?? started.error
  if (failure !== null && failure !== undefined) {
    return (
      <Frame>
        {isProblem(failure, "TOO_MANY_ATTEMPTS", "RATE_LIMITED") ? (
          <Alert color="orange" role="alert">
            {failure.detail}
          </Alert>
        ) : (
          <TokenProblem error={failure} kind="setup" />
        )}
      </Frame>
    )
  }
  if (started.data === undefined) {
    return (
      <Frame>
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      </Frame>
    )
  }
  return (
    <Frame>
      <Text>{t("setup.intro", { email: started.data.email, tenantName: started.data.tenant.name })}</Text>
      <SetupForm
        token={token}
        started={started.data}
        onLinkFailure={setLinkFailure}
        onDone={(recoveryCodes) => {
          forgetFragment()
          setFinished({ slug: started.data.tenant.slug, recoveryCodes })
        }}
      />
    </Frame>
  )
}

function Frame({ children }: { readonly children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <CenteredCard width={520}>
      <Stack>
        <Title order={1} size="h2">
          {t("setup.title")}
        </Title>
        {children}
      </Stack>
    </CenteredCard>
  )
}
