import { isProblem } from "@gatehouse/client"
import { Button, Group, PasswordInput, Stack } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { PasswordChecklist } from "../../../components/PasswordChecklist.tsx"
import { passwordPolicyQuery } from "../../../lib/passwordPolicy.ts"
import { passwordAccepted, passwordChecks } from "../../../lib/passwordRules.ts"
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
  const checks =
    policy.data === undefined
      ? []
      : passwordChecks(policy.data, newPassword, {
          email: me.email,
          firstName: me.firstName,
          lastName: me.lastName,
          tenantName: me.tenant.name,
          hasMfa: me.totpEnabled
        })
  const ready =
    policy.data !== undefined &&
    passwordAccepted(checks) &&
    currentPassword !== "" &&
    confirmPassword === newPassword

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
          {...form.getInputProps("currentPassword")}
        />
        <PasswordInput
          label={t("changePassword.newPassword")}
          autoComplete="new-password"
          required
          {...form.getInputProps("newPassword")}
        />
        <PasswordChecklist checks={checks} />
        <PasswordInput
          label={t("changePassword.confirmPassword")}
          autoComplete="new-password"
          required
          {...form.getInputProps("confirmPassword")}
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
