import { Badge, Group, Stack, Table, Title } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { rolesQuery } from "../api/catalogue.ts"

/** The role catalogue: each role with its scope, its permissions and whether it requires two-factor. */
export function RolesPage() {
  const { t } = useTranslation()
  const roles = useQuery(rolesQuery)
  return (
    <Stack>
      <Title order={1}>{t("admin.roles.title")}</Title>
      <Table aria-label={t("admin.roles.title")} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.roles.name")}</Table.Th>
            <Table.Th>{t("admin.roles.scope")}</Table.Th>
            <Table.Th>{t("admin.roles.permissions")}</Table.Th>
            <Table.Th>{t("admin.roles.totp")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(roles.data?.items ?? []).map((role) => (
            <Table.Tr key={`${role.scope}/${role.name}`}>
              <Table.Td>{role.name}</Table.Td>
              <Table.Td>{t(`admin.roles.scopes.${role.scope}`)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {role.permissions.length === 0
                    ? t("admin.roles.none")
                    : role.permissions.map((p) => (
                        <Badge key={p} variant="outline" color="gray" tt="none">
                          {p}
                        </Badge>
                      ))}
                </Group>
              </Table.Td>
              <Table.Td>{role.requiresTotp ? t("admin.users.yes") : t("admin.users.no")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
