import { Badge, Group, Stack, Table, Text, Title } from "@mantine/core"
import { useTranslation } from "react-i18next"
import type { UserRow } from "../api/users.ts"
import { fullName } from "../presetColumns.ts"
import { ClientModal, useRowDetails } from "./ClientUserParts.tsx"

/** 004's User Clients modal: the user's information and the clients (organizations) they belong to. */
export function UserClientsModal({
  user,
  onClose
}: {
  readonly user: UserRow | null
  readonly onClose: () => void
}) {
  const { t } = useTranslation()
  const details = useRowDetails(user)
  return (
    <ClientModal opened={user !== null} onClose={onClose} title={t("admin.clients.title")}>
      {user === null ? null : (
        <Stack>
          <Title order={3} size="h5">
            {t("admin.clients.userInformation")}
          </Title>
          <Stack gap={2}>
            <Text size="sm">{t("admin.clients.uuid", { value: user.id })}</Text>
            <Text size="sm">{t("admin.clients.name", { value: fullName(user) })}</Text>
            <Text size="sm">{t("admin.clients.email", { value: user.email })}</Text>
            <Text size="sm">{t("admin.clients.phone", { value: user.phone ?? "" })}</Text>
          </Stack>
          <Title order={3} size="h5">
            {t("admin.clients.associated")}
          </Title>
          <Table aria-label={t("admin.clients.associated")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("admin.clients.clientName")}</Table.Th>
                <Table.Th>{t("admin.clients.companyName")}</Table.Th>
                <Table.Th>{t("admin.clients.taxId")}</Table.Th>
                <Table.Th>{t("admin.clients.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(details.data?.memberships ?? []).map((m) => (
                <Table.Tr key={m.organization.id}>
                  <Table.Td>{m.organization.name}</Table.Td>
                  <Table.Td>{m.organization.companyName ?? "—"}</Table.Td>
                  <Table.Td>{m.organization.taxId ?? "—"}</Table.Td>
                  <Table.Td>
                    {/* 004's status badges: whether the association counts now, and the user's role in the client */}
                    <Group gap={4}>
                      <Badge color={m.inEffect ? "teal.9" : "gray.7"}>
                        {m.inEffect ? t("admin.clients.active") : t("admin.clients.inactive")}
                      </Badge>
                      <Badge variant="outline" color="dark.4">
                        {m.role.toUpperCase()}
                      </Badge>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </ClientModal>
  )
}
