import { isProblem } from "@gatehouse/client"
import {
  Accordion,
  ActionIcon,
  Button,
  CopyButton,
  Group,
  PasswordInput,
  Select,
  Stack,
  TextInput,
  Title,
  Tooltip
} from "@mantine/core"
import { useForm } from "@mantine/form"
import { IconCheck, IconCopy } from "@tabler/icons-react"
import { useQuery } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { PasswordChecklist } from "../../../components/PasswordChecklist.tsx"
import { notify } from "../../../lib/notify.ts"
import { passwordPolicyQuery } from "../../../lib/passwordPolicy.ts"
import { passwordAccepted, passwordChecks } from "../../../lib/passwordRules.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { useMe } from "../../../lib/session.ts"
import { useCreateUser } from "../api/users.ts"
import { generatePasswordFor } from "../generatedPassword.ts"

/**
 * 000's Add User page: a blank User Profile in create mode (Personal Information, Account & Security with
 * Generate Password, the eye icon and copy, Permissions); Create User stays disabled until the password meets
 * every rule, and an early click marks the empty required fields in red.
 */
export function AddUserPage() {
  const { t } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const policy = useQuery(passwordPolicyQuery)
  const create = useCreateUser()
  const required = (value: string) => (value.trim() === "" ? t("admin.add.required") : null)
  const form = useForm({
    mode: "controlled",
    initialValues: { firstName: "", lastName: "", phone: "", email: "", password: "", role: "Regular" },
    validate: { firstName: required, lastName: required, email: required, password: required }
  })
  const values = form.getValues()
  const context = {
    email: values.email,
    firstName: values.firstName,
    lastName: values.lastName,
    tenantName: me.tenant.name,
    hasMfa: false
  }
  const checks = policy.data === undefined ? [] : passwordChecks(policy.data, values.password, context)
  const passwordOk = policy.data !== undefined && passwordAccepted(checks)

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (submitted) => {
        try {
          const created = await create.mutateAsync({
            email: submitted.email,
            firstName: submitted.firstName,
            lastName: submitted.lastName,
            role: submitted.role,
            password: submitted.password,
            ...(submitted.phone.trim() === "" ? {} : { phone: submitted.phone.trim() })
          })
          notify("teal", t("admin.add.created"))
          void navigate({ to: "/users/$userId", params: { userId: created.user.id } })
        } catch (error) {
          if (isProblem(error, "EMAIL_TAKEN")) form.setFieldError("email", error.detail)
          else if (isProblem(error, "PASSWORD_POLICY")) form.setFieldError("password", error.detail)
          else if (isProblem(error, "VALIDATION") && error.errors.length > 0)
            for (const e of error.errors) form.setFieldError(e.path, e.message)
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack maw={720}>
        <Title order={1}>{t("admin.add.newUser")}</Title>
        <Accordion multiple defaultValue={["personal", "account", "permissions"]} variant="separated">
          <Accordion.Item value="personal">
            <Accordion.Control>{t("admin.profile.personal")}</Accordion.Control>
            <Accordion.Panel>
              <Stack>
                <TextInput
                  label={t("admin.fields.firstName")}
                  required
                  {...form.getInputProps("firstName")}
                />
                <TextInput label={t("admin.fields.lastName")} required {...form.getInputProps("lastName")} />
                <TextInput label={t("admin.fields.phone")} type="tel" {...form.getInputProps("phone")} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="account">
            <Accordion.Control>{t("admin.profile.account")}</Accordion.Control>
            <Accordion.Panel>
              <Stack>
                <TextInput
                  label={t("admin.fields.email")}
                  type="email"
                  autoComplete="off"
                  required
                  {...form.getInputProps("email")}
                />
                <Group align="end" wrap="nowrap">
                  <PasswordInput
                    style={{ flex: 1 }}
                    label={t("admin.fields.password")}
                    autoComplete="new-password"
                    required
                    visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
                    {...form.getInputProps("password")}
                  />
                  <CopyButton value={values.password}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? t("admin.add.copied") : t("admin.add.copy")}>
                        <ActionIcon
                          variant="default"
                          size="lg"
                          onClick={copy}
                          disabled={values.password === ""}
                          aria-label={t("admin.add.copy")}
                        >
                          {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
                <div>
                  <Button
                    variant="light"
                    disabled={policy.data === undefined}
                    onClick={() => {
                      if (policy.data !== undefined)
                        form.setFieldValue("password", generatePasswordFor(policy.data, context))
                    }}
                  >
                    {t("admin.add.generate")}
                  </Button>
                </div>
                <PasswordChecklist checks={checks} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="permissions">
            <Accordion.Control>{t("admin.profile.permissions")}</Accordion.Control>
            <Accordion.Panel>
              <Select
                label={t("admin.profile.permissionLevel")}
                allowDeselect={false}
                data={[
                  { value: "Regular", label: t("admin.users.permissionRegular") },
                  { value: "Admin", label: t("admin.users.permissionAdmin") }
                ]}
                {...form.getInputProps("role")}
              />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <Group>
          <Button type="submit" disabled={!passwordOk} loading={create.isPending}>
            {t("admin.add.createUser")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
