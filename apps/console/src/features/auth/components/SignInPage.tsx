import { isProblem } from "@gatehouse/client"
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { Link, useNavigate, useSearch } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { CenteredCard } from "../../../components/CenteredCard.tsx"
import { problemMessage } from "../../../lib/problems.ts"
import { useLogin } from "../api/login.ts"
import { SecondFactorStep } from "./SecondFactorStep.tsx"
import { useCountdown } from "./useCountdown.ts"

const LAST_TENANT = "gatehouse.lastTenant"

const rememberedTenant = (): string => {
  try {
    return window.localStorage.getItem(LAST_TENANT) ?? ""
  } catch {
    return ""
  }
}

/** Sign in: tenant, email, password; then the TOTP or recovery code when the account asks for one. */
export function SignInPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const search = useSearch({ strict: false }) as { readonly redirect?: string; readonly tenant?: string }
  const login = useLogin()
  const [secondFactor, setSecondFactor] = useState(false)
  const [waitUntil, setWaitUntil] = useState<number | undefined>(undefined)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const wait = useCountdown(waitUntil)

  const form = useForm({
    initialValues: { tenant: search.tenant ?? rememberedTenant(), email: "", password: "" },
    validate: {
      tenant: (value) => (value.trim() === "" ? t("signIn.tenant") : null),
      email: (value) => (value.trim() === "" ? t("signIn.email") : null),
      password: (value) => (value === "" ? t("signIn.password") : null)
    }
  })

  const submit = async (totp?: string): Promise<void> => {
    setFailure(undefined)
    const values = form.getValues()
    try {
      await login.mutateAsync({ ...values, tenant: values.tenant.trim(), totp })
      try {
        window.localStorage.setItem(LAST_TENANT, values.tenant.trim())
      } catch {
        // private mode: nothing to remember
      }
      await navigate({ to: search.redirect?.startsWith("/") === true ? search.redirect : "/" })
    } catch (error) {
      if (isProblem(error, "MFA_REQUIRED")) {
        setSecondFactor(true)
      } else if (isProblem(error, "TOO_MANY_ATTEMPTS", "RATE_LIMITED")) {
        setWaitUntil(Date.now() + (error.retryAfterSeconds ?? 60) * 1000)
      } else if (isProblem(error, "INVALID_CREDENTIALS", "INVALID_TOTP_CODE")) {
        // on the second step the password was right: the code was not
        setFailure(totp === undefined ? t("signIn.invalidCredentials") : t("signIn.invalidCode"))
      } else {
        setFailure(problemMessage(error, t))
      }
    }
  }

  const waiting = wait > 0
  return (
    <CenteredCard>
      <Stack>
        <Title order={1} size="h2">
          {secondFactor ? t("signIn.mfaTitle") : t("signIn.title")}
        </Title>
        {waitUntil !== undefined && (
          <Alert color={waiting ? "orange" : "teal"} role="status">
            {waiting ? t("signIn.tooManyAttempts", { count: wait }) : t("signIn.tooManyAttemptsOver")}
          </Alert>
        )}
        {failure !== undefined && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {secondFactor ? (
          <SecondFactorStep
            busy={login.isPending}
            blocked={waiting}
            onSubmit={(code) => void submit(code)}
            onBack={() => {
              setSecondFactor(false)
              setFailure(undefined)
            }}
          />
        ) : (
          <form onSubmit={form.onSubmit(() => void submit())} noValidate>
            <Stack>
              <Text size="sm" c="dark.4">
                {t("signIn.intro")}
              </Text>
              <TextInput
                label={t("signIn.tenant")}
                description={t("signIn.tenantDescription")}
                autoComplete="organization"
                autoCapitalize="none"
                spellCheck={false}
                required
                {...form.getInputProps("tenant")}
              />
              <TextInput
                label={t("signIn.email")}
                type="email"
                autoComplete="username"
                required
                {...form.getInputProps("email")}
              />
              <PasswordInput
                label={t("signIn.password")}
                autoComplete="current-password"
                required
                {...form.getInputProps("password")}
              />
              <Button type="submit" loading={login.isPending} disabled={waiting}>
                {t("signIn.submit")}
              </Button>
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t("signIn.forgotPassword")}
              </Anchor>
            </Stack>
          </form>
        )}
      </Stack>
    </CenteredCard>
  )
}
