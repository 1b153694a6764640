import { Button, Group, Paper, Select, Stack, Tabs, Text, TextInput, Title } from "@mantine/core"
import { useDebouncedValue } from "@mantine/hooks"
import { IconPlus, IconSearch } from "@tabler/icons-react"
import { useQuery } from "@tanstack/react-query"
import { Navigate, useNavigate } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { Pager } from "../../../components/Pager.tsx"
import { can, useMe } from "../../../lib/session.ts"
import { catalogueNames, departmentsQuery, groupsQuery } from "../api/catalogue.ts"
import { useClientCounts } from "../api/clients.ts"
import { firstPageQuery } from "../api/firstPage.ts"
import { rolesQuery, type UserListQuery, type UserRow, useUsers } from "../api/users.ts"
import type { Preset } from "../presetColumns.ts"
import { AddEmployeeDrawer } from "./AddEmployeeDrawer.tsx"
import { BulkBar } from "./BulkBar.tsx"
import { CreateClientUserModal, EditClientUserModal } from "./ClientUserModals.tsx"
import { DeleteUserDialog } from "./DeleteUserDialog.tsx"
import { UserClientsModal } from "./UserClientsModal.tsx"
import { type SortKey, UsersGrid } from "./UsersGrid.tsx"

type Status = NonNullable<UserListQuery["status"]>
type Kind = NonNullable<UserListQuery["kind"]>

/**
 * The tenant's users in the preset's grid: search, filters, sort, cursor pages and the Total Users footer that
 * counts the filter. A person without `users:read` (000's Regular user) lands on their own profile.
 */
export function UsersPage() {
  const me = useMe()
  if (!can(me, "users:read")) return <Navigate to="/profile" replace />
  return (
    <UsersAdminPage
      preset={me.tenant.preset as Preset}
      canDelete={can(me, "users:delete")}
      canWrite={can(me, "users:write")}
    />
  )
}

function UsersAdminPage({
  preset,
  canDelete,
  canWrite
}: {
  preset: Preset
  canDelete: boolean
  canWrite: boolean
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [q] = useDebouncedValue(search.trim(), 250)
  const [status, setStatus] = useState<Status | null>(null)
  const [role, setRole] = useState<string | null>(null)
  const [department, setDepartment] = useState<string | null>(null)
  const [group, setGroup] = useState<string | null>(null)
  // 002's Employees and External Users tabs; the other products list everyone
  const [kind, setKind] = useState<Kind>("employee")
  const [sort, setSort] = useState<SortKey>("name")
  // the cursors of the pages walked so far: the first page has none
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined])
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [deleting, setDeleting] = useState<UserRow | null>(null)
  const [clientsOf, setClientsOf] = useState<UserRow | null>(null)
  const [editing, setEditing] = useState<UserRow | null>(null)
  const [adding, setAdding] = useState(false)
  const withDepartments = preset === "wetrack"
  const withKinds = preset === "wetrack"

  const cursor = cursors[cursors.length - 1]
  // the first page's query (which the route's loader fetched), with the person's choices
  const query: UserListQuery = {
    ...firstPageQuery(preset),
    sort,
    ...(q === "" ? {} : { q }),
    ...(status === null ? {} : { status }),
    ...(role === null ? {} : { role }),
    ...(department === null ? {} : { department }),
    ...(group === null ? {} : { group }),
    ...(withKinds ? { kind } : {}),
    ...(cursor === undefined ? {} : { cursor })
  }
  const users = useUsers(query)
  const roles = useQuery(rolesQuery)
  const departments = useQuery({ ...departmentsQuery, enabled: withDepartments })
  const groups = useQuery({ ...groupsQuery, enabled: withDepartments })
  const rows = users.data?.items ?? []
  const clientCounts = useClientCounts(preset === "puqcloud" ? rows.map((r) => r.id) : [])
  const restart =
    <A,>(set: (value: A) => void) =>
    (value: A) => {
      set(value)
      setCursors([undefined])
    }

  const open = (user: UserRow) => void navigate({ to: "/users/$userId", params: { userId: user.id } })
  // 004 edits in a modal (the pencil); the others open the profile
  const edit = preset === "puqcloud" ? setEditing : open
  // 002 adds in a drawer and 004 in a modal; 000 and 003 on a page of their own
  const add = () =>
    preset === "wetrack" || preset === "puqcloud" ? setAdding(true) : void navigate({ to: "/users/new" })

  const list = (
    <Stack>
      {preset === "wetrack" ? <BulkBar selected={selected} onDone={() => setSelected(new Set())} /> : null}
      <Paper withBorder>
        <UsersGrid
          preset={preset}
          rows={rows}
          sort={sort}
          onSort={restart(setSort)}
          onOpen={open}
          onEdit={edit}
          onDelete={canDelete ? setDeleting : undefined}
          onShowClients={setClientsOf}
          clientCounts={clientCounts}
          departments={catalogueNames(departments.data?.items)}
          groups={catalogueNames(groups.data?.items)}
          selected={selected}
          onSelect={(id, on) =>
            setSelected((current) => {
              const next = new Set(current)
              if (on) next.add(id)
              else next.delete(id)
              return next
            })
          }
          onSelectPage={(on) =>
            setSelected((current) => {
              const next = new Set(current)
              for (const row of rows)
                if (on) next.add(row.id)
                else next.delete(row.id)
              return next
            })
          }
        />
        <Group justify="space-between" p="sm">
          <Text fw={600} role="status" aria-live="polite" data-testid="total-users">
            {users.data === undefined ? t("app.loading") : t("users.totalUsers", { count: users.data.total })}
          </Text>
          <Pager
            page={cursors.length}
            hasPrevious={cursors.length > 1}
            nextCursor={users.data?.nextCursor ?? null}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={(next) => setCursors((c) => [...c, next])}
          />
        </Group>
      </Paper>
    </Stack>
  )

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("users.title")}</Title>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={add}>
            {t("users.add")}
          </Button>
        ) : null}
      </Group>
      <Group align="end">
        <TextInput
          label={t("admin.users.search")}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => restart(setSearch)(event.currentTarget.value)}
          type="search"
        />
        <Select
          label={t("admin.users.filterStatus")}
          clearable
          clearButtonProps={{ "aria-label": t("admin.clear") }}
          value={status}
          onChange={(value) => restart(setStatus)(value as Status | null)}
          data={(["active", "pending", "disabled", "deactivated"] as const).map((s) => ({
            value: s,
            label: t(`admin.users.statuses.${s}`)
          }))}
        />
        <Select
          label={t("admin.users.filterRole")}
          clearable
          clearButtonProps={{ "aria-label": t("admin.clear") }}
          value={role}
          onChange={restart(setRole)}
          data={(roles.data?.items ?? []).filter((r) => r.scope === "tenant").map((r) => r.name)}
        />
        {withDepartments ? (
          <>
            <Select
              label={t("admin.users.filterDepartment")}
              clearable
              clearButtonProps={{ "aria-label": t("admin.clear") }}
              value={department}
              onChange={restart(setDepartment)}
              data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
            <Select
              label={t("admin.users.filterGroup")}
              clearable
              clearButtonProps={{ "aria-label": t("admin.clear") }}
              value={group}
              onChange={restart(setGroup)}
              data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
          </>
        ) : null}
      </Group>
      {withKinds ? (
        <Tabs
          value={kind}
          onChange={(value) => {
            if (value === null) return
            restart(setKind)(value as Kind)
            setSelected(new Set())
          }}
        >
          <Tabs.List aria-label={t("admin.users.kinds.label")}>
            <Tabs.Tab value="employee">{t("admin.users.kinds.employees")}</Tabs.Tab>
            <Tabs.Tab value="external">{t("admin.users.kinds.external")}</Tabs.Tab>
          </Tabs.List>
          {(["employee", "external"] as const).map((panel) => (
            <Tabs.Panel key={panel} value={panel} pt="sm">
              {panel === kind ? list : null}
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        list
      )}
      <DeleteUserDialog user={deleting} onClose={() => setDeleting(null)} />
      <UserClientsModal user={clientsOf} onClose={() => setClientsOf(null)} />
      {preset === "wetrack" ? (
        // a new drawer per tab: it proposes the open tab's kind of user
        <AddEmployeeDrawer key={kind} kind={kind} opened={adding} onClose={() => setAdding(false)} />
      ) : null}
      {preset === "puqcloud" ? (
        <>
          <CreateClientUserModal opened={adding} onClose={() => setAdding(false)} />
          <EditClientUserModal user={editing} onClose={() => setEditing(null)} />
        </>
      ) : null}
    </Stack>
  )
}
