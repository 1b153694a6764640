import { isProblem } from "@gatehouse/client"
import { Alert, Button, Group, Select, Stack, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { useMe } from "../../../lib/session.ts"
import { rolesQuery, useCreateUser } from "../api/users.ts"
import type { Preset } from "../presetColumns.ts"
import { AddUserPage } from "./AddUserPage.tsx"
import { SetupUrl } from "./AdminActions.tsx"

/** `/users/new`: 000's Add User page, or 003's New User with the global role and the setup URL to copy. */
export function NewUserRoute() {
  const me = useMe()
  return (me.tenant.preset as Preset) === "weevio" ? <AddUserPage /> : <InviteUserPage />
}

/** 003: Email and Global role; a one-time setup URL is generated, to copy and send to the user. */
function InviteUserPage() {
  const { t } = useTranslation()
  const roles = useQuery(rolesQuery)
  const create = useCreateUser()
  const [created, setCreated] = useState<{ id: string; setupUrl: string } | null>(null)
  const required = (value: string) => (value.trim() === "" ? t("admin.add.required") : null)
  const form = useForm({
    mode: "controlled",
    initialValues: { email: "", firstName: "", lastName: "", role: "" },
    validate: { email: required, firstName: required, lastName: required, role: required }
  })
  const tenantRoles = (roles.data?.items ?? []).filter((r) => r.scope === "tenant").map((r) => r.name)

  return (
    <Stack maw={640}>
      <Title order={1}>{t("admin.invite.title")}</Title>
      {created === null ? (
        <form
          noValidate
          onSubmit={form.onSubmit(async (values) => {
            try {
              const answer = await create.mutateAsync({ ...values, invite: true })
              setCreated({ id: answer.user.id, setupUrl: answer.setupUrl ?? "" })
              notify("teal", t("admin.add.created"))
            } catch (error) {
              if (isProblem(error, "EMAIL_TAKEN")) form.setFieldError("email", error.detail)
              else notifyProblem(error, t)
            }
          })}
        >
          <Stack>
            <TextInput
              label={t("admin.fields.email")}
              type="email"
              required
              {...form.getInputProps("email")}
            />
            <TextInput label={t("admin.fields.firstName")} required {...form.getInputProps("firstName")} />
            <TextInput label={t("admin.fields.lastName")} required {...form.getInputProps("lastName")} />
            <Select
              label={t("admin.invite.globalRole")}
              required
              data={tenantRoles}
              allowDeselect={false}
              {...form.getInputProps("role")}
            />
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t("admin.invite.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Alert color="teal">{t("admin.invite.setupToken")}</Alert>
          <SetupUrl url={created.setupUrl} />
          <Group>
            <Link to="/users/$userId" params={{ userId: created.id }}>
              {t("admin.invite.openAccount")}
            </Link>
          </Group>
        </Stack>
      )}
    </Stack>
  )
}
