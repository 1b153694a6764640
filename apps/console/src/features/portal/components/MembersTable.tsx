import { NativeSelect, Switch, Table, Text } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { notifyProblem } from "../../../lib/problems.ts"
import { type Member, useUpdateMember } from "../api/members.ts"
import { EshopAccessCell, EshopStatusCell } from "./EshopCells.tsx"

interface Props {
  readonly orgId: string
  readonly members: ReadonlyArray<Member>
  readonly roles: ReadonlyArray<string>
  /** The signed-in person: their own toggle and dropdown are disabled. */
  readonly selfId: string
  /** 001's eShop Access and eShop Status columns: only with a store configured (and only for the tab shown). */
  readonly eshop: boolean
}

const nameOf = (member: Member): string =>
  member.user.displayName ?? `${member.user.firstName} ${member.user.lastName}`

/**
 * 001's users table: Active toggle, Email, Name, Permissions dropdown (neither control for yourself), and with a
 * store the eShop Access and eShop Status columns.
 */
export function MembersTable({ orgId, members, roles, selfId, eshop }: Props) {
  const { t } = useTranslation()
  const update = useUpdateMember(orgId)
  const change = (userId: string, body: { readonly role?: string; readonly active?: boolean }) =>
    update.mutate({ userId, ...body }, { onError: (error) => notifyProblem(error, t) })

  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("portal.active")}</Table.Th>
          <Table.Th>{t("portal.email")}</Table.Th>
          <Table.Th>{t("portal.name")}</Table.Th>
          <Table.Th>{t("portal.permissions")}</Table.Th>
          {eshop && <Table.Th>{t("portal.eshop.access")}</Table.Th>}
          {eshop && <Table.Th>{t("portal.eshop.status")}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={eshop ? 6 : 4}>
              <Text c="dimmed">{t("portal.noUsers")}</Text>
            </Table.Td>
          </Table.Tr>
        )}
        {members.map((member) => {
          const self = member.user.id === selfId
          const options = roles.includes(member.membership.role) ? roles : [...roles, member.membership.role]
          return (
            <Table.Tr key={member.user.id}>
              <Table.Td>
                <Switch
                  aria-label={t("portal.activeToggle", { email: member.user.email })}
                  checked={member.membership.active}
                  disabled={self}
                  onChange={(event) => change(member.user.id, { active: event.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>{member.user.email}</Table.Td>
              <Table.Td>
                {nameOf(member)}{" "}
                {self && (
                  <Text span c="dimmed" size="sm">
                    {t("portal.you")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={t("portal.permissionsOf", { email: member.user.email })}
                  data={[...options]}
                  value={member.membership.role}
                  disabled={self}
                  onChange={(event) => change(member.user.id, { role: event.currentTarget.value })}
                />
              </Table.Td>
              {eshop && (
                <Table.Td>
                  <EshopAccessCell orgId={orgId} userId={member.user.id} email={member.user.email} />
                </Table.Td>
              )}
              {eshop && (
                <Table.Td>
                  <EshopStatusCell orgId={orgId} userId={member.user.id} email={member.user.email} />
                </Table.Td>
              )}
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}
