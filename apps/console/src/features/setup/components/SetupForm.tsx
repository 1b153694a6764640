import { isProblem } from "@gatehouse/client"
import { Button, Stack, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useTranslation } from "react-i18next"
import { NewPasswordFields } from "../../../components/NewPasswordFields.tsx"
import { TotpEnrolment } from "../../../components/TotpEnrolment.tsx"
import { newPasswordState } from "../../../lib/passwordRules.ts"
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
  const { checks, ready: passwordReady } = newPasswordState(
    started.passwordPolicy,
    {
      email: started.email,
      firstName: started.firstName,
      lastName: started.lastName,
      tenantName: started.tenant.name,
      hasMfa: started.requiresTotp
    },
    values.password,
    values.confirmPassword
  )
  const ready =
    passwordReady &&
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
        <NewPasswordFields
          passwordLabel={t("setup.password")}
          confirmLabel={t("setup.confirmPassword")}
          passwordField={form.getInputProps("password")}
          confirmField={form.getInputProps("confirmPassword")}
          checks={checks}
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
