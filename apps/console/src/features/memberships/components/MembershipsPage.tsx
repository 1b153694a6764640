import { isProblem, ok } from "@gatehouse/client"
import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { api } from "../../../lib/api.ts"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import {
  daysUntil,
  type MemberRow,
  membersQuery,
  organizationsQuery,
  useAddMember,
  useCreateOrganization,
  useRemoveMember,
  useUpdateMember
} from "../api/memberships.ts"

const rolesQueryOptions = {
  queryKey: ["roles"] as const,
  queryFn: () => ok(api.GET("/v1/roles")),
  staleTime: 60_000
}

/** A date input's day as the end of that day in UTC... kept simple: midnight UTC of the next day. */
const expiryOf = (day: string): string | null =>
  day === "" ? null : new Date(`${day}T23:59:59.000Z`).toISOString()

/**
 * 003's Memberships (and 004's clients' users): an organization's members with their role and contractor
 * expiry ("expires in N days"), adding a member with an expiry, changing or clearing it, removing one.
 */
export function MembershipsPage() {
  const { t } = useTranslation()
  const organizations = useQuery(organizationsQuery)
  const [orgId, setOrgId] = useState<string | null>(null)
  const chosen = orgId ?? organizations.data?.items[0]?.id ?? null
  const createOrg = useCreateOrganization()
  const [newOrg, setNewOrg] = useState("")

  return (
    <Stack>
      <Title order={1}>{t("admin.memberships.title")}</Title>
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
      {chosen === null ? <Text>{t("admin.memberships.noOrganizations")}</Text> : <Members orgId={chosen} />}
    </Stack>
  )
}

function Members({ orgId }: { readonly orgId: string }) {
  const { t } = useTranslation()
  const members = useQuery(membersQuery(orgId))
  const roles = useQuery(rolesQueryOptions)
  const add = useAddMember()
  const update = useUpdateMember()
  const remove = useRemoveMember()
  const required = (value: string) => (value.trim() === "" ? t("admin.add.required") : null)
  const form = useForm({
    mode: "controlled",
    initialValues: { email: "", firstName: "", lastName: "", role: "", expires: "" },
    validate: { email: required, firstName: required, lastName: required, role: required }
  })
  const orgRoles = (roles.data?.items ?? []).filter((r) => r.scope === "organization").map((r) => r.name)
  const expiryText = (m: MemberRow) =>
    m.membership.expiresAt === null
      ? t("admin.memberships.noExpiry")
      : Date.parse(m.membership.expiresAt) <= Date.now()
        ? t("admin.memberships.expired")
        : t("admin.memberships.expiresIn", { count: daysUntil(m.membership.expiresAt) })

  return (
    <Stack>
      <Table aria-label={t("admin.memberships.members")} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.users.columns.name")}</Table.Th>
            <Table.Th>{t("admin.users.columns.email")}</Table.Th>
            <Table.Th>{t("admin.memberships.role")}</Table.Th>
            <Table.Th>{t("admin.memberships.expiry")}</Table.Th>
            <Table.Th>{t("admin.memberships.changeExpiry")}</Table.Th>
            <Table.Th>{t("admin.memberships.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(members.data?.items ?? []).map((m) => {
            const name = `${m.user.firstName} ${m.user.lastName}`
            return (
              <Table.Tr key={m.user.id}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>{m.user.email}</Table.Td>
                <Table.Td>{m.membership.role}</Table.Td>
                <Table.Td>
                  <Badge color={m.inEffect ? "teal.9" : "gray.7"}>{expiryText(m)}</Badge>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    type="date"
                    aria-label={t("admin.memberships.expiryOf", { name })}
                    defaultValue={m.membership.expiresAt?.slice(0, 10) ?? ""}
                    onBlur={async (event) => {
                      const expiresAt = expiryOf(event.currentTarget.value)
                      if (expiresAt === m.membership.expiresAt) return
                      try {
                        await update.mutateAsync({ orgId, userId: m.user.id, expiresAt })
                        notify("teal", t("admin.memberships.updated"))
                      } catch (error) {
                        notifyProblem(error, t)
                      }
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red.9"
                    onClick={async () => {
                      try {
                        await remove.mutateAsync({ orgId, userId: m.user.id })
                        notify("teal", t("admin.memberships.removed"))
                      } catch (error) {
                        notifyProblem(error, t)
                      }
                    }}
                  >
                    {t("admin.memberships.remove", { name })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      <Card withBorder>
        <form
          noValidate
          onSubmit={form.onSubmit(async (v) => {
            const expiresAt = expiryOf(v.expires)
            try {
              await add.mutateAsync({
                orgId,
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
            <Title order={2} size="h4">
              {t("admin.memberships.add")}
            </Title>
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
              <Button type="submit" loading={add.isPending}>
                {t("admin.memberships.addButton")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  )
}
