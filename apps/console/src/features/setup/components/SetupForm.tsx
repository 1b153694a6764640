import { isProblem } from "@gatehouse/client"
import { Button, PasswordInput, Stack, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useTranslation } from "react-i18next"
import { PasswordChecklist } from "../../../components/PasswordChecklist.tsx"
import { TotpEnrolment } from "../../../components/TotpEnrolment.tsx"
import { passwordAccepted, passwordChecks } from "../../../lib/passwordRules.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { type SetupStarted, useCompleteSetup } from "../api/setup.ts"

interface Props {
  readonly token: string
  readonly started: SetupStarted
  /** The link stopped working meanwhile (used, expired, revoked). */
  readonly onLinkFailure: (error: unknown) => void
  readonly onDone: (recoveryCodes: ReadonlyArray<string> | undefined) => void
}

export function SetupForm({ token, started, onLinkFailure, onDone }: Props) {
  const { t } = useTranslation()
  const complete = useCompleteSetup()
  const form = useForm({
    mode: "controlled",
    initialValues: {
      displayName: `${started.firstName} ${started.lastName}`,
      password: "",
      confirmPassword: "",
      code: ""
    },
    validate: {
      displayName: (value) => (value.trim() === "" ? t("setup.displayName") : null),
      confirmPassword: (value, values) => (value === values.password ? null : t("password.mismatch"))
    }
  })
  const values = form.getValues()
  const checks = passwordChecks(started.passwordPolicy, values.password, {
    email: started.email,
    firstName: started.firstName,
    lastName: started.lastName,
    tenantName: started.tenant.name,
    hasMfa: started.requiresTotp
  })
  const ready =
    passwordAccepted(checks) &&
    values.confirmPassword === values.password &&
    values.displayName.trim() !== "" &&
    (started.totp === undefined || values.code.length === 6)

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (input) => {
        try {
          const done = await complete.mutateAsync({
            token,
            displayName: input.displayName.trim(),
            password: input.password,
            totpCode: started.totp === undefined ? undefined : input.code
          })
          onDone(done.recoveryCodes)
        } catch (error) {
          if (isProblem(error, "PASSWORD_POLICY")) form.setFieldError("password", error.detail)
          else if (isProblem(error, "INVALID_TOTP_CODE")) form.setFieldError("code", t("totp.invalidCode"))
          else if (isProblem(error, "TOKEN_USED", "TOKEN_EXPIRED", "TOKEN_INVALID")) onLinkFailure(error)
          else if (isProblem(error, "VALIDATION") && error.errors.some((e) => e.path === "displayName"))
            form.setFieldError("displayName", error.errors.find((e) => e.path === "displayName")?.message)
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack>
        <TextInput label={t("setup.email")} value={started.email} readOnly />
        <TextInput
          label={t("setup.displayName")}
          autoComplete="name"
          required
          {...form.getInputProps("displayName")}
        />
        {/* the email as the username, for password managers */}
        <input type="hidden" autoComplete="username" value={started.email} />
        <PasswordInput
          label={t("setup.password")}
          autoComplete="new-password"
          required
          {...form.getInputProps("password")}
        />
        <PasswordChecklist checks={checks} />
        <PasswordInput
          label={t("setup.confirmPassword")}
          autoComplete="new-password"
          required
          {...form.getInputProps("confirmPassword")}
        />
        {started.totp !== undefined && (
          <>
            <Title order={2} size="h4">
              {t("totp.title")}
            </Title>
            <TotpEnrolment
              secret={started.totp.secret}
              otpauthUri={started.totp.otpauthUri}
              code={values.code}
              onCodeChange={(code) => form.setFieldValue("code", code)}
              error={form.errors.code}
            />
          </>
        )}
        <Button type="submit" loading={complete.isPending} disabled={!ready}>
          {t("setup.submit")}
        </Button>
      </Stack>
    </form>
  )
}
