import { PasswordInput } from "@mantine/core"
import type { GetInputPropsReturnType } from "@mantine/form"
import { useTranslation } from "react-i18next"
import type { RuleCheck } from "../lib/passwordRules.ts"
import { PasswordChecklist } from "./PasswordChecklist.tsx"

/** What Mantine's `form.getInputProps` gives a field: its value, change handler, error and focus handlers. */
type FieldProps = GetInputPropsReturnType

interface Props {
  readonly passwordLabel: string
  readonly confirmLabel: string
  /** `form.getInputProps("newPassword")` */
  readonly passwordField: FieldProps
  /** `form.getInputProps("confirmPassword")` */
  readonly confirmField: FieldProps
  /** The live check-marks (`useNewPasswordChecks`). */
  readonly checks: ReadonlyArray<RuleCheck>
  readonly autoFocus?: boolean
}

/**
 * A new password with its live check-marks and its confirmation, the same on every page that sets a password
 * (Change Password, /setup, /password-reset): the eye icon shows or hides it; the check-marks are the domain's
 * own rules on the tenant's policy.
 */
export function NewPasswordFields({
  passwordLabel,
  confirmLabel,
  passwordField,
  confirmField,
  checks,
  autoFocus
}: Props) {
  const { t } = useTranslation()
  const toggle = { "aria-label": t("password.show"), tabIndex: 0 } as const
  return (
    <>
      <PasswordInput
        label={passwordLabel}
        autoComplete="new-password"
        required
        data-autofocus={autoFocus === true ? true : undefined}
        visibilityToggleButtonProps={toggle}
        {...passwordField}
      />
      <PasswordChecklist checks={checks} />
      <PasswordInput
        label={confirmLabel}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
        {...confirmField}
      />
    </>
  )
}
