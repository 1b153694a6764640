import { isProblem } from "@gatehouse/client"
import { Accordion, Alert, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useNavigate, useParams } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { can, useMe } from "../../../lib/session.ts"
import { UserTimeline } from "../../audit/components/UserTimeline.tsx"
import { type UserDetails, useChangeRole, useUpdateUser, useUser } from "../api/users.ts"
import { ADMIN_ROLE, fullName, type Preset } from "../presetColumns.ts"
import { AdminActions } from "./AdminActions.tsx"
import { DeleteUserDialog } from "./DeleteUserDialog.tsx"
import { SignInLockAlert } from "./SignInLockAlert.tsx"

/** A user's profile as an admin sees it (000's sections), with the admin's actions. */
export function UserProfilePage() {
  const { userId } = useParams({ from: "/signed-in/users/$userId" })
  const { t } = useTranslation()
  const user = useUser(userId)
  if (user.isPending) return <Text>{t("app.loading")}</Text>
  if (user.isError) return <Alert color="red">{t("admin.profile.notFound")}</Alert>
  // a new key per version: a reload after a conflict starts the form from the stored user
  return (
    <Stack gap="xl">
      <ProfileForm
        key={`${user.data.id}@${user.data.version}`}
        user={user.data}
        onReload={() => void user.refetch()}
      />
      <UserTimeline userId={user.data.id} />
    </Stack>
  )
}

function ProfileForm({ user, onReload }: { readonly user: UserDetails; readonly onReload: () => void }) {
  const { t } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const preset = me.tenant.preset as Preset
  const update = useUpdateUser()
  const changeRole = useChangeRole()
  const [conflict, setConflict] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const isAdmin = can(me, "users:write")
  const form = useForm({
    mode: "controlled",
    initialValues: {
      firstName: user.firstName,
      lastName: user.lastName,
      phone: user.phone ?? "",
      role: user.role,
      kind: user.kind
    }
  })
  const name = fullName(user)

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        try {
          await update.mutateAsync({
            id: user.id,
            version: user.version,
            patch: {
              firstName: values.firstName,
              lastName: values.lastName,
              phone: values.phone.trim() === "" ? null : values.phone.trim(),
              ...(values.kind === user.kind ? {} : { kind: values.kind })
            }
          })
          if (values.role !== user.role) await changeRole.mutateAsync({ id: user.id, role: values.role })
          notify("teal", t("admin.profile.saved"))
        } catch (error) {
          if (isProblem(error, "VERSION_CONFLICT")) setConflict(true)
          else if (isProblem(error, "VALIDATION") && error.errors.length > 0)
            for (const e of error.errors) form.setFieldError(e.path, e.message)
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack maw={760}>
        <Group justify="space-between">
          <Title order={1}>{name}</Title>
          <Badge color="indigo.8">{t(`admin.users.statuses.${user.status}`)}</Badge>
        </Group>
        <SignInLockAlert lock={user.signInLock} />
        {conflict ? (
          <Alert color="orange" title={t("admin.profile.conflictTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("admin.profile.conflict")}</Text>
              <div>
                <Button size="xs" onClick={onReload}>
                  {t("admin.profile.reload")}
                </Button>
              </div>
            </Stack>
          </Alert>
        ) : null}
        <Accordion multiple defaultValue={["personal", "account", "permissions", "pims"]} variant="separated">
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
                <TextInput label={t("admin.fields.email")} value={user.email} readOnly />
                {isAdmin && preset === "wetrack" ? (
                  // 002's Employees or External Users tab
                  <Select
                    label={t("admin.users.kind.label")}
                    allowDeselect={false}
                    data={(["employee", "external"] as const).map((k) => ({
                      value: k,
                      label: t(`admin.users.kind.${k}`)
                    }))}
                    {...form.getInputProps("kind")}
                  />
                ) : null}
                <AdminActions user={user} preset={preset} onDelete={() => setDeleting(true)} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          {isAdmin && preset === "weevio" ? (
            <Accordion.Item value="permissions">
              <Accordion.Control>{t("admin.profile.permissions")}</Accordion.Control>
              <Accordion.Panel>
                <Select
                  label={t("admin.profile.permissionLevel")}
                  allowDeselect={false}
                  disabled={user.id === me.id}
                  data={[
                    { value: "Regular", label: t("admin.users.permissionRegular") },
                    { value: ADMIN_ROLE.weevio, label: t("admin.users.permissionAdmin") }
                  ]}
                  {...form.getInputProps("role")}
                />
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
          {user.externalCredentials.length > 0 ? (
            <Accordion.Item value="pims">
              <Accordion.Control>{t("admin.profile.pims")}</Accordion.Control>
              <Accordion.Panel>
                {user.externalCredentials.map((c) => (
                  <Group key={c.system}>
                    <Text size="sm">
                      {c.present ? t("admin.profile.pimsPresent") : t("admin.profile.pimsAbsent")}
                    </Text>
                    {c.status === null ? null : (
                      <Badge color={c.status === "connected" ? "teal.9" : "gray.7"}>
                        {c.status === "connected"
                          ? t("admin.profile.pimsConnected")
                          : t("admin.profile.pimsSaved")}
                      </Badge>
                    )}
                  </Group>
                ))}
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
        </Accordion>
        <Group>
          <Button type="submit" loading={update.isPending || changeRole.isPending}>
            {t("admin.profile.save")}
          </Button>
        </Group>
        <DeleteUserDialog
          user={deleting ? user : null}
          onClose={() => setDeleting(false)}
          onDeleted={() => void navigate({ to: "/users" })}
        />
      </Stack>
    </form>
  )
}
