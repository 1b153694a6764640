import { isProblem } from "@gatehouse/client"
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title
} from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { Link, useParams } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { RequirePermission } from "../../../components/RequirePermission.tsx"
import { notify } from "../../../lib/notify.ts"
import {
  type Organization,
  useOrganizationDetail,
  useOrganizationMembers,
  useUpdateOrganization
} from "../api/organizations.ts"
import { OrganizationForm } from "./OrganizationForm.tsx"
import { StatusBadges } from "./StatusBadges.tsx"

/** `/organizations/$orgId`: one organization's fields (with edit) and its members with roles and expiry. */
export function OrganizationPage() {
  const { orgId } = useParams({ from: "/signed-in/organizations/$orgId" })
  return (
    <RequirePermission permission="orgs:manage">
      <OrganizationDetail key={orgId} orgId={orgId} />
    </RequirePermission>
  )
}

function OrganizationDetail({ orgId }: { readonly orgId: string }) {
  const { t } = useTranslation()
  const organization = useOrganizationDetail(orgId)
  const [editing, { open, close }] = useDisclosure()
  const update = useUpdateOrganization(orgId)
  const back = (
    <Anchor component={Link} to="/organizations">
      {t("organizations.back")}
    </Anchor>
  )
  if (isProblem(organization.error, "NOT_FOUND") || isProblem(organization.error, "VALIDATION"))
    return (
      <Stack>
        {back}
        <Alert color="red" role="alert">
          {t("organizations.notFound")}
        </Alert>
      </Stack>
    )
  const current = organization.data
  if (current === undefined) return back
  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{current.name}</Title>
        <Group>
          <Button component={Link} to={`/portal/${current.slug}`} variant="default">
            {t("organizations.openPortal")}
          </Button>
          <Button onClick={open}>{t("organizations.edit")}</Button>
        </Group>
      </Group>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("organizations.details")}
        </Title>
        <Fields organization={current} />
      </Card>
      <Members orgId={orgId} />
      <Modal
        opened={editing}
        onClose={close}
        title={t("organizations.editTitle", { name: current.name })}
        size="lg"
        closeButtonProps={{ "aria-label": t("organizations.cancel") }}
      >
        <OrganizationForm
          organization={current}
          submitLabel={t("organizations.save")}
          pending={update.isPending}
          onCancel={close}
          onSubmit={async (body) => {
            await update.mutateAsync({ version: current.version, body })
            notify("teal", t("organizations.saved"))
            close()
          }}
        />
      </Modal>
    </Stack>
  )
}

function Fields({ organization }: { readonly organization: Organization }) {
  const { t } = useTranslation()
  const rows: ReadonlyArray<readonly [string, string | null]> = [
    [t("organizations.slug"), organization.slug],
    [t("organizations.companyName"), organization.companyName],
    [t("organizations.taxId"), organization.taxId],
    [t("organizations.pimsCustomerCode"), organization.pimsCustomerCode],
    [t("organizations.pimsCustomerName"), organization.pimsCustomerName],
    [t("organizations.priceCode"), organization.priceCode]
  ]
  return (
    <Stack gap="xs">
      <StatusBadges organization={organization} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" fw={600}>
              {label}
            </Text>
            <Text component="dd" m={0}>
              {value ?? "—"}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  )
}

function Members({ orgId }: { readonly orgId: string }) {
  const { t, i18n } = useTranslation()
  const members = useOrganizationMembers(orgId)
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" })
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("organizations.members")}
      </Title>
      <Table aria-label={t("organizations.members")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("organizations.member")}</Table.Th>
            <Table.Th>{t("organizations.email")}</Table.Th>
            <Table.Th>{t("organizations.role")}</Table.Th>
            <Table.Th>{t("organizations.membership")}</Table.Th>
            <Table.Th>{t("organizations.expiry")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(members.data ?? []).map((member) => (
            <Table.Tr key={member.user.id}>
              <Table.Td>
                {member.user.firstName} {member.user.lastName}
              </Table.Td>
              <Table.Td>{member.user.email}</Table.Td>
              <Table.Td>{member.membership.role}</Table.Td>
              <Table.Td>
                <Badge color={member.membership.active ? "teal.9" : "gray.7"}>
                  {member.membership.active
                    ? t("organizations.membershipActive")
                    : t("organizations.membershipDisabled")}
                </Badge>
              </Table.Td>
              <Table.Td>
                {member.membership.expiresAt === null
                  ? t("organizations.noExpiry")
                  : date.format(new Date(member.membership.expiresAt))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {members.data?.length === 0 && <Text>{t("organizations.noMembers")}</Text>}
    </Stack>
  )
}
