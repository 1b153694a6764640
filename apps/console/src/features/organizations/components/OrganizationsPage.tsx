import { Anchor, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from "@mantine/core"
import { useDebouncedValue, useDisclosure } from "@mantine/hooks"
import { Link, useNavigate } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { RequirePermission } from "../../../components/RequirePermission.tsx"
import { notify } from "../../../lib/notify.ts"
import { useCreateOrganization, useOrganizations } from "../api/organizations.ts"
import { OrganizationForm } from "./OrganizationForm.tsx"
import { StatusBadges } from "./StatusBadges.tsx"

/** `/organizations`: every organization of the tenant for its admins (orgs:manage), with create. */
export function OrganizationsPage() {
  return (
    <RequirePermission permission="orgs:manage">
      <Organizations />
    </RequirePermission>
  )
}

function Organizations() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [q, setQ] = useState("")
  const [search] = useDebouncedValue(q.trim(), 250)
  const organizations = useOrganizations(search)
  const [creating, { open, close }] = useDisclosure()
  const create = useCreateOrganization()
  const dash = (value: string | null) => value ?? "—"
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("organizations.title")}</Title>
          <Text c="dimmed">{t("organizations.intro")}</Text>
        </div>
        <Button onClick={open}>{t("organizations.create")}</Button>
      </Group>
      <TextInput
        label={t("organizations.search")}
        value={q}
        onChange={(event) => setQ(event.currentTarget.value)}
        maw={360}
      />
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={t("organizations.title")} striped>
          <Table.Thead>
            <Table.Tr>
              {(
                [
                  "name",
                  "slug",
                  "companyName",
                  "taxId",
                  "status",
                  "pimsCustomerCode",
                  "pimsCustomerName",
                  "priceCode"
                ] as const
              ).map((column) => (
                <Table.Th key={column}>{t(`organizations.${column}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(organizations.data?.items ?? []).map((organization) => (
              <Table.Tr key={organization.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/organizations/${organization.id}`}
                    aria-label={t("organizations.open", { name: organization.name })}
                  >
                    {organization.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{organization.slug}</Table.Td>
                <Table.Td>{dash(organization.companyName)}</Table.Td>
                <Table.Td>{dash(organization.taxId)}</Table.Td>
                <Table.Td>
                  <StatusBadges organization={organization} />
                </Table.Td>
                <Table.Td>{dash(organization.pimsCustomerCode)}</Table.Td>
                <Table.Td>{dash(organization.pimsCustomerName)}</Table.Td>
                <Table.Td>{dash(organization.priceCode)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {organizations.data?.items.length === 0 && <Text>{t("organizations.none")}</Text>}
      {organizations.data !== undefined && (
        <Text fw={600}>{t("organizations.total", { count: organizations.data.total })}</Text>
      )}
      <Modal
        opened={creating}
        onClose={close}
        title={t("organizations.createTitle")}
        size="lg"
        closeButtonProps={{ "aria-label": t("organizations.cancel") }}
      >
        <OrganizationForm
          submitLabel={t("organizations.create")}
          pending={create.isPending}
          onCancel={close}
          onSubmit={async (body) => {
            const created = await create.mutateAsync(body)
            notify("teal", t("organizations.created", { name: created.name }))
            close()
            await navigate({ to: "/organizations/$orgId", params: { orgId: created.id } })
          }}
        />
      </Modal>
    </Stack>
  )
}
