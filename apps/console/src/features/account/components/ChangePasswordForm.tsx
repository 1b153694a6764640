import { isProblem } from "@gatehouse/client"
import { Button, Group, PasswordInput, Stack } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { NewPasswordFields } from "../../../components/NewPasswordFields.tsx"
import { passwordPolicyQuery } from "../../../lib/passwordPolicy.ts"
import { newPasswordState } from "../../../lib/passwordRules.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import type { Me } from "../../../lib/session.ts"
import { useChangeOwnPassword } from "../api/password.ts"

interface Props {
  readonly me: Me
  /** After the change (every session has ended): back to sign-in. */
  readonly onChanged: () => void
  /** The second button: Cancel in the profile, Logout on the first login. */
  readonly secondary: ReactNode
}

/** Current password, new password with the live check-marks, confirmation; Save stays disabled until all hold. */
export function ChangePasswordForm({ me, onChanged, secondary }: Props) {
  const { t } = useTranslation()
  const policy = useQuery(passwordPolicyQuery)
  const change = useChangeOwnPassword()
  const form = useForm({
    mode: "controlled",
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    validate: {
      confirmPassword: (value, values) => (value === values.newPassword ? null : t("password.mismatch"))
    }
  })
  const { newPassword, confirmPassword, currentPassword } = form.getValues()
  const { checks, ready: passwordReady } = newPasswordState(
    policy.data,
    {
      email: me.email,
      firstName: me.firstName,
      lastName: me.lastName,
      tenantName: me.tenant.name,
      hasMfa: me.totpEnabled
    },
    newPassword,
    confirmPassword
  )
  const ready = passwordReady && currentPassword !== ""

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        try {
          await change.mutateAsync({
            currentPassword: values.currentPassword,
            newPassword: values.newPassword
          })
          onChanged()
        } catch (error) {
          if (isProblem(error, "INVALID_CURRENT_PASSWORD")) {
            form.setFieldError("currentPassword", t("changePassword.wrongCurrent"))
          } else if (isProblem(error, "PASSWORD_POLICY")) {
            form.setFieldError("newPassword", error.detail)
          } else {
            notifyProblem(error, t)
          }
        }
      })}
    >
      <Stack>
        <PasswordInput
          label={t("changePassword.currentPassword")}
          autoComplete="current-password"
          required
          data-autofocus
          visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
          {...form.getInputProps("currentPassword")}
        />
        <NewPasswordFields
          passwordLabel={t("changePassword.newPassword")}
          confirmLabel={t("changePassword.confirmPassword")}
          passwordField={form.getInputProps("newPassword")}
          confirmField={form.getInputProps("confirmPassword")}
          checks={checks}
        />
        <Group justify="flex-end">
          {secondary}
          <Button type="submit" loading={change.isPending} disabled={!ready}>
            {t("changePassword.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
