import { isProblem } from "@gatehouse/client"
import { Alert, Anchor, Button, PasswordInput, Stack, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { Link } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { CenteredCard } from "../../../components/CenteredCard.tsx"
import { TokenProblem } from "../../../components/TokenProblem.tsx"
import { forgetFragment, fragmentToken } from "../../../lib/fragmentToken.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { useCompletePasswordReset } from "../api/recovery.ts"

/** `/password-reset#token=...`: a new password; every session ends; TOTP is still asked at sign-in. */
export function PasswordResetPage() {
  const { t } = useTranslation()
  const [token] = useState(fragmentToken)
  const [linkFailure, setLinkFailure] = useState<unknown>(undefined)
  const complete = useCompletePasswordReset()
  const form = useForm({
    initialValues: { newPassword: "", confirmPassword: "" },
    validate: {
      confirmPassword: (value, values) => (value === values.newPassword ? null : t("password.mismatch"))
    }
  })
  return (
    <CenteredCard>
      <Stack>
        <Title order={1} size="h2">
          {t("recovery.resetTitle")}
        </Title>
        {token === undefined || linkFailure !== undefined ? (
          <TokenProblem error={linkFailure} kind="reset" />
        ) : complete.isSuccess ? (
          <>
            <Alert color="teal" role="status">
              {t("recovery.resetDone")}
            </Alert>
            <Anchor component={Link} to="/sign-in">
              {t("setup.toSignIn")}
            </Anchor>
          </>
        ) : (
          <form
            noValidate
            onSubmit={form.onSubmit(async (values) => {
              try {
                await complete.mutateAsync({ token, newPassword: values.newPassword })
                forgetFragment()
              } catch (error) {
                if (isProblem(error, "TOKEN_USED", "TOKEN_EXPIRED", "TOKEN_INVALID")) setLinkFailure(error)
                else if (isProblem(error, "PASSWORD_POLICY")) form.setFieldError("newPassword", error.detail)
                else notifyProblem(error, t)
              }
            })}
          >
            <Stack>
              <PasswordInput
                label={t("changePassword.newPassword")}
                autoComplete="new-password"
                required
                {...form.getInputProps("newPassword")}
              />
              <PasswordInput
                label={t("changePassword.confirmPassword")}
                autoComplete="new-password"
                required
                {...form.getInputProps("confirmPassword")}
              />
              <Button type="submit" loading={complete.isPending}>
                {t("changePassword.save")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </CenteredCard>
  )
}
