import { isProblem } from "@gatehouse/client"
import { Alert, Button, Group, Stack, Tabs, Text, Title } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { problemMessage } from "../../../lib/problems.ts"
import { useMe } from "../../../lib/session.ts"
import { canManageEshop, canManagePortal, organizationRoles } from "../access.ts"
import { useEshopAvailability } from "../api/eshop.ts"
import { type MemberTab, type PortalOrganization, useMembers } from "../api/members.ts"
import { showsEshopColumns } from "../eshop.ts"
import { AddUserModal } from "./AddUserModal.tsx"
import { MembersTable } from "./MembersTable.tsx"

/**
 * `/portal/<slug>`: 001's Users and Permissions page, for the organization's Admins and tenant admins. An
 * individual (non-business) account has none for its own people (001); a tenant admin still manages it.
 */
export function PortalUsersPage({ organization }: { readonly organization: PortalOrganization }) {
  const { t } = useTranslation()
  const me = useMe()
  const tenantAdmin = me.permissions.includes("members:manage")
  if (!canManagePortal(me, organization.id) || (organization.kind === "individual" && !tenantAdmin))
    return <Refused message={t("portal.noAccess")} />
  return (
    <PortalUsers
      organization={organization}
      selfId={me.id}
      roles={organizationRoles(me.tenant.preset)}
      mayManageEshop={canManageEshop(me, organization.id)}
    />
  )
}

export function Refused({ message }: { readonly message: string }) {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={1}>{t("portal.title")}</Title>
      <Alert color="red" role="alert">
        {message}
      </Alert>
    </Stack>
  )
}

function PortalUsers({
  organization,
  selfId,
  roles,
  mayManageEshop
}: {
  readonly organization: PortalOrganization
  readonly selfId: string
  readonly roles: ReadonlyArray<string>
  readonly mayManageEshop: boolean
}) {
  const { t } = useTranslation()
  const orgId = organization.id
  const [tab, setTab] = useState<MemberTab>("active")
  const [adding, { open, close }] = useDisclosure()
  const active = useMembers(orgId, "active")
  const disabled = useMembers(orgId, "disabled")
  const availability = useEshopAvailability(orgId, { enabled: mayManageEshop })
  const eshop = showsEshopColumns(mayManageEshop, availability.data)
  const refusal = [active.error, disabled.error].find((error) => error !== null)
  if (isProblem(refusal, "FORBIDDEN")) return <Refused message={t("portal.noAccess")} />
  if (refusal !== undefined) return <Refused message={t("portal.notFound")} />
  const total =
    active.data === undefined || disabled.data === undefined
      ? undefined
      : active.data.total + disabled.data.total

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("portal.title")}</Title>
          <Text c="dimmed">{organization.name}</Text>
        </div>
        <Button onClick={open}>{t("portal.addUser")}</Button>
      </Group>
      <Text>{t("portal.intro")}</Text>
      {availability.error !== null && (
        <Alert color="red" role="alert">
          {t("portal.eshop.unavailable", { message: problemMessage(availability.error, t) })}
        </Alert>
      )}
      {/* only the open tab is rendered: the eShop statuses are read for the rows shown, not the hidden tab's */}
      <Tabs
        keepMounted={false}
        value={tab}
        onChange={(value) => setTab(value === "disabled" ? "disabled" : "active")}
      >
        <Tabs.List aria-label={t("portal.tabs")}>
          <Tabs.Tab value="active">{t("portal.active")}</Tabs.Tab>
          <Tabs.Tab value="disabled">{t("portal.disabled")}</Tabs.Tab>
        </Tabs.List>
        {(["active", "disabled"] as const).map((status) => {
          const page = status === "active" ? active.data : disabled.data
          return (
            <Tabs.Panel key={status} value={status} pt="sm">
              {page !== undefined && (
                <MembersTable
                  orgId={orgId}
                  members={page.items}
                  roles={roles}
                  selfId={selfId}
                  eshop={eshop}
                />
              )}
            </Tabs.Panel>
          )
        })}
      </Tabs>
      {total !== undefined && <Text fw={600}>{t("portal.totalUsers", { count: total })}</Text>}
      <AddUserModal orgId={orgId} roles={roles} opened={adding} onClose={close} />
    </Stack>
  )
}
