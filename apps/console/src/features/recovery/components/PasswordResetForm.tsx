import { isProblem } from "@gatehouse/client"
import { Button, Stack } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useTranslation } from "react-i18next"
import { NewPasswordFields } from "../../../components/NewPasswordFields.tsx"
import { newPasswordState } from "../../../lib/passwordRules.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { type PasswordResetStarted, useCompletePasswordReset } from "../api/recovery.ts"

interface Props {
  readonly token: string
  readonly started: PasswordResetStarted
  /** The link stopped working meanwhile (used, expired, replaced). */
  readonly onLinkFailure: (error: unknown) => void
  readonly onDone: () => void
}

/** The new password with the live check-marks of the account's tenant policy; Save waits until all hold. */
export function PasswordResetForm({ token, started, onLinkFailure, onDone }: Props) {
  const { t } = useTranslation()
  const complete = useCompletePasswordReset()
  const form = useForm({
    mode: "controlled",
    initialValues: { newPassword: "", confirmPassword: "" },
    validate: {
      confirmPassword: (value, values) => (value === values.newPassword ? null : t("password.mismatch"))
    }
  })
  const values = form.getValues()
  const { checks, ready } = newPasswordState(
    started.passwordPolicy,
    {
      email: started.email,
      firstName: started.firstName,
      lastName: started.lastName,
      tenantName: started.tenant.name,
      hasMfa: started.hasMfa
    },
    values.newPassword,
    values.confirmPassword
  )
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (input) => {
        try {
          await complete.mutateAsync({ token, newPassword: input.newPassword })
          onDone()
        } catch (error) {
          if (isProblem(error, "TOKEN_USED", "TOKEN_EXPIRED", "TOKEN_INVALID")) onLinkFailure(error)
          else if (isProblem(error, "PASSWORD_POLICY")) form.setFieldError("newPassword", error.detail)
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack>
        {/* the account's email as the username, for password managers */}
        <input type="hidden" autoComplete="username" value={started.email} />
        <NewPasswordFields
          passwordLabel={t("changePassword.newPassword")}
          confirmLabel={t("changePassword.confirmPassword")}
          passwordField={form.getInputProps("newPassword")}
          confirmField={form.getInputProps("confirmPassword")}
          checks={checks}
        />
        <Button type="submit" loading={complete.isPending} disabled={!ready}>
          {t("changePassword.save")}
        </Button>
      </Stack>
    </form>
  )
}
