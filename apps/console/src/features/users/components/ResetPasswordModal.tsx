import { Button, Group, PasswordInput, Stack } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { PasswordChecklist } from "../../../components/PasswordChecklist.tsx"
import { notify } from "../../../lib/notify.ts"
import { passwordPolicyQuery } from "../../../lib/passwordPolicy.ts"
import { passwordAccepted, passwordChecks } from "../../../lib/passwordRules.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { useMe } from "../../../lib/session.ts"
import { type UserDetails, useResetPassword } from "../api/users.ts"
import { generatePasswordFor } from "../generatedPassword.ts"

/** An admin sets another user's password (000's Change Password): they must change it at their next sign-in. */
export function ResetPasswordModal({
  user,
  onDone
}: {
  readonly user: UserDetails
  readonly onDone: () => void
}) {
  const { t } = useTranslation()
  const me = useMe()
  const policy = useQuery(passwordPolicyQuery)
  const reset = useResetPassword()
  const [password, setPassword] = useState("")
  const context = {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    tenantName: me.tenant.name,
    hasMfa: user.totpEnabled
  }
  const checks = policy.data === undefined ? [] : passwordChecks(policy.data, password, context)
  return (
    <Stack>
      <PasswordInput
        label={t("admin.fields.newPassword")}
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
      />
      <PasswordChecklist checks={checks} />
      <Group justify="space-between">
        <Button
          variant="light"
          onClick={() => policy.data !== undefined && setPassword(generatePasswordFor(policy.data, context))}
        >
          {t("admin.add.generate")}
        </Button>
        <Button
          disabled={policy.data === undefined || !passwordAccepted(checks)}
          loading={reset.isPending}
          onClick={async () => {
            try {
              await reset.mutateAsync({ id: user.id, newPassword: password })
              notify("teal", t("admin.actions.passwordChanged"))
              onDone()
            } catch (error) {
              notifyProblem(error, t)
            }
          }}
        >
          {t("admin.actions.save")}
        </Button>
      </Group>
    </Stack>
  )
}
