import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { Link } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { CenteredCard } from "../../../components/CenteredCard.tsx"
import { notifyProblem } from "../../../lib/problems.ts"
import { useRequestPasswordReset } from "../api/recovery.ts"

/** "Forgot password?": the same answer whether or not the account exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const request = useRequestPasswordReset()
  const form = useForm({ initialValues: { tenant: "", email: "" } })
  return (
    <CenteredCard>
      <Stack>
        <Title order={1} size="h2">
          {t("recovery.forgotTitle")}
        </Title>
        {request.isSuccess ? (
          <Alert color="teal" role="status">
            {t("recovery.sent")}
          </Alert>
        ) : (
          <form
            noValidate
            onSubmit={form.onSubmit((values) =>
              request.mutate(
                { tenant: values.tenant.trim(), email: values.email.trim() },
                { onError: (error) => notifyProblem(error, t) }
              )
            )}
          >
            <Stack>
              <Text size="sm">{t("recovery.forgotIntro")}</Text>
              <TextInput label={t("signIn.tenant")} required {...form.getInputProps("tenant")} />
              <TextInput label={t("signIn.email")} type="email" required {...form.getInputProps("email")} />
              <Button type="submit" loading={request.isPending}>
                {t("recovery.send")}
              </Button>
            </Stack>
          </form>
        )}
        <Anchor component={Link} to="/sign-in" size="sm">
          {t("links.toSignIn")}
        </Anchor>
      </Stack>
    </CenteredCard>
  )
}
