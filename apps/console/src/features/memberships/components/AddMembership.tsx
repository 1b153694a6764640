import { isProblem, ok } from "@gatehouse/client"
import { Button, Card, Group, Select, Stack, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { api } from "../../../lib/api.ts"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { expiryOf, organizationsQuery, useAddMember, useCreateOrganization } from "../api/memberships.ts"

const rolesQueryOptions = {
  queryKey: ["roles"] as const,
  queryFn: () => ok(api.GET("/v1/roles")),
  staleTime: 60_000
}

/**
 * 003's "assign" of Memberships: pick an organization (or create one), then add a person with an organization
 * role and, for a contractor, an expiry.
 */
export function AddMembership() {
  const { t } = useTranslation()
  const organizations = useQuery(organizationsQuery)
  const roles = useQuery(rolesQueryOptions)
  const [orgId, setOrgId] = useState<string | null>(null)
  const chosen = orgId ?? organizations.data?.items[0]?.id ?? null
  const createOrg = useCreateOrganization()
  const [newOrg, setNewOrg] = useState("")
  const add = useAddMember()
  const required = (value: string) => (value.trim() === "" ? t("admin.add.required") : null)
  const form = useForm({
    mode: "controlled",
    initialValues: { email: "", firstName: "", lastName: "", role: "", expires: "" },
    validate: { email: required, firstName: required, lastName: required, role: required }
  })
  const orgRoles = (roles.data?.items ?? []).filter((r) => r.scope === "organization").map((r) => r.name)

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t("admin.memberships.add")}
        </Title>
        <Group align="end">
          <Select
            label={t("admin.memberships.organization")}
            value={chosen}
            onChange={setOrgId}
            allowDeselect={false}
            data={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextInput
            label={t("admin.memberships.newOrganization")}
            value={newOrg}
            onChange={(event) => setNewOrg(event.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={newOrg.trim() === ""}
            loading={createOrg.isPending}
            onClick={async () => {
              try {
                const created = await createOrg.mutateAsync(newOrg.trim())
                setOrgId(created.id)
                setNewOrg("")
              } catch (error) {
                notifyProblem(error, t)
              }
            }}
          >
            {t("admin.memberships.createOrganization")}
          </Button>
        </Group>
        <form
          noValidate
          onSubmit={form.onSubmit(async (v) => {
            if (chosen === null) return
            const expiresAt = expiryOf(v.expires)
            try {
              await add.mutateAsync({
                orgId: chosen,
                body: {
                  email: v.email,
                  firstName: v.firstName,
                  lastName: v.lastName,
                  role: v.role,
                  ...(expiresAt === null ? {} : { expiresAt })
                }
              })
              notify("teal", t("admin.memberships.added"))
              form.reset()
            } catch (error) {
              if (isProblem(error, "ALREADY_MEMBER")) form.setFieldError("email", error.detail)
              else notifyProblem(error, t)
            }
          })}
        >
          <Stack>
            <Group grow align="start">
              <TextInput
                label={t("admin.fields.email")}
                type="email"
                required
                {...form.getInputProps("email")}
              />
              <TextInput label={t("admin.fields.firstName")} required {...form.getInputProps("firstName")} />
              <TextInput label={t("admin.fields.lastName")} required {...form.getInputProps("lastName")} />
            </Group>
            <Group grow align="start">
              <Select
                label={t("admin.memberships.role")}
                required
                data={orgRoles}
                allowDeselect={false}
                {...form.getInputProps("role")}
              />
              <TextInput
                type="date"
                label={t("admin.memberships.expiresAt")}
                {...form.getInputProps("expires")}
              />
            </Group>
            <Group>
              <Button type="submit" loading={add.isPending} disabled={chosen === null}>
                {t("admin.memberships.addButton")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  )
}
