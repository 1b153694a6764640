import { isProblem } from "@gatehouse/client"
import { Button, Group, PasswordInput, Stack, Switch, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import {
  type UserDetails,
  type UserRow,
  useCreateUser,
  useResetPassword,
  useUpdateUser
} from "../api/users.ts"
import { ClientModal, ClientProfileFields, useRowDetails } from "./ClientUserParts.tsx"

const optional = (value: string): string | undefined => (value.trim() === "" ? undefined : value.trim())

/** 004's Create User modal: Email and Password required, 2FA, names, phone with country code, language, notes. */
export function CreateClientUserModal({
  opened,
  onClose
}: {
  readonly opened: boolean
  readonly onClose: () => void
}) {
  const { t } = useTranslation()
  const create = useCreateUser()
  const required = (value: string) => (value.trim() === "" ? t("admin.add.required") : null)
  const form = useForm({
    mode: "controlled",
    initialValues: {
      email: "",
      password: "",
      requireTotp: true,
      firstName: "",
      lastName: "",
      phone: "",
      language: "en",
      adminNotes: ""
    },
    validate: { email: required, password: required, firstName: required, lastName: required }
  })
  return (
    <ClientModal opened={opened} onClose={onClose} title={t("admin.client.createTitle")}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (v) => {
          const phone = optional(v.phone)
          const adminNotes = optional(v.adminNotes)
          try {
            await create.mutateAsync({
              email: v.email,
              password: v.password,
              firstName: v.firstName,
              lastName: v.lastName,
              role: "Client User",
              requireTotp: v.requireTotp,
              language: v.language,
              ...(phone === undefined ? {} : { phone }),
              ...(adminNotes === undefined ? {} : { adminNotes })
            })
            notify("teal", t("admin.add.created"))
            form.reset()
            onClose()
          } catch (error) {
            if (isProblem(error, "EMAIL_TAKEN")) form.setFieldError("email", error.detail)
            else if (isProblem(error, "PASSWORD_POLICY")) form.setFieldError("password", error.detail)
            else if (isProblem(error, "VALIDATION") && error.errors.length > 0)
              for (const e of error.errors) form.setFieldError(e.path, e.message)
            else notifyProblem(error, t)
          }
        })}
      >
        <Stack>
          <TextInput label={t("admin.fields.email")} type="email" required {...form.getInputProps("email")} />
          <PasswordInput
            label={t("admin.fields.password")}
            required
            autoComplete="new-password"
            visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
            {...form.getInputProps("password")}
          />
          <Switch
            label={t("admin.client.twoFactor")}
            {...form.getInputProps("requireTotp", { type: "checkbox" })}
          />
          <ClientProfileFields field={form.getInputProps} phoneHint />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t("admin.client.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </ClientModal>
  )
}

/** 004's Edit User modal: the verified flags, 2FA and notes too; a password typed here resets it. */
export function EditClientUserModal({
  user,
  onClose
}: {
  readonly user: UserRow | null
  readonly onClose: () => void
}) {
  const { t } = useTranslation()
  const details = useRowDetails(user)
  return (
    <ClientModal opened={user !== null} onClose={onClose} title={t("admin.client.editTitle")}>
      {details.data === undefined ? null : (
        <EditForm
          key={`${details.data.id}@${details.data.version}`}
          user={details.data}
          onClose={onClose}
          onReload={() => void details.refetch()}
        />
      )}
    </ClientModal>
  )
}

function EditForm({
  user,
  onClose,
  onReload
}: {
  readonly user: UserDetails
  readonly onClose: () => void
  readonly onReload: () => void
}) {
  const { t } = useTranslation()
  const update = useUpdateUser()
  const reset = useResetPassword()
  const form = useForm({
    mode: "controlled",
    initialValues: {
      password: "",
      firstName: user.firstName,
      lastName: user.lastName,
      phone: user.phone ?? "",
      language: user.language ?? "en",
      adminNotes: user.adminNotes ?? "",
      emailVerified: user.emailVerified,
      phoneVerified: user.phoneVerified,
      requireTotp: user.requireTotp
    }
  })
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (v) => {
        try {
          await update.mutateAsync({
            id: user.id,
            version: user.version,
            patch: {
              firstName: v.firstName,
              lastName: v.lastName,
              phone: optional(v.phone) ?? null,
              language: v.language,
              adminNotes: optional(v.adminNotes) ?? null,
              emailVerified: v.emailVerified,
              phoneVerified: v.phoneVerified,
              requireTotp: v.requireTotp
            }
          })
          if (v.password !== "") await reset.mutateAsync({ id: user.id, newPassword: v.password })
          notify("teal", t("admin.profile.saved"))
          onClose()
        } catch (error) {
          if (isProblem(error, "VERSION_CONFLICT")) {
            notify("red", t("admin.profile.conflict"))
            onReload()
          } else if (isProblem(error, "PASSWORD_POLICY")) form.setFieldError("password", error.detail)
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack>
        <TextInput label={t("admin.fields.email")} value={user.email} readOnly />
        <PasswordInput
          label={t("admin.client.passwordReset")}
          autoComplete="new-password"
          visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
          {...form.getInputProps("password")}
        />
        <ClientProfileFields field={form.getInputProps} />
        <Switch
          label={t("admin.client.emailVerified")}
          {...form.getInputProps("emailVerified", { type: "checkbox" })}
        />
        <Switch
          label={t("admin.client.phoneVerified")}
          {...form.getInputProps("phoneVerified", { type: "checkbox" })}
        />
        <Switch
          label={t("admin.client.twoFactor")}
          {...form.getInputProps("requireTotp", { type: "checkbox" })}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending || reset.isPending}>
            {t("admin.client.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
