import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core"
import { useDebouncedValue } from "@mantine/hooks"
import { useQuery } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { Pager } from "../../../components/Pager.tsx"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import {
  expiryOf,
  type MembershipRow,
  membershipsQuery,
  useRemoveMember,
  useUpdateMember
} from "../api/memberships.ts"
import { ExpiryBadge } from "./ExpiryBadge.tsx"

/** The "Expiring within" choices, in days (the empty value: any time). */
const WINDOWS = [7, 14, 30, 90] as const

/**
 * 003's Admin -> Memberships: every organization's memberships, soonest expiry first, with "Expiring within" and a
 * search, cursor pages, and the actions the API has per membership (change the expiry, remove).
 */
export function MembershipsGrid() {
  const { t } = useTranslation()
  const [search, setSearch] = useState("")
  const [q] = useDebouncedValue(search.trim(), 250)
  const [withinDays, setWithinDays] = useState<number | null>(null)
  // the cursors of the pages walked so far: the first page has none
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined])
  const cursor = cursors[cursors.length - 1]
  const memberships = useQuery(membershipsQuery({ withinDays, q, cursor }))
  const rows = memberships.data?.items ?? []

  return (
    <Stack>
      <Group align="end">
        <NativeSelect
          label={t("admin.memberships.expiringWithin")}
          value={withinDays === null ? "" : String(withinDays)}
          onChange={(event) => {
            const value = event.currentTarget.value
            setWithinDays(value === "" ? null : Number(value))
            setCursors([undefined])
          }}
          data={[
            { value: "", label: t("admin.memberships.anyTime") },
            ...WINDOWS.map((days) => ({
              value: String(days),
              label: t("admin.memberships.days", { count: days })
            }))
          ]}
        />
        <TextInput
          label={t("admin.memberships.search")}
          placeholder={t("admin.memberships.searchPlaceholder")}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value)
            setCursors([undefined])
          }}
        />
      </Group>
      <Table aria-label={t("admin.memberships.all")} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.memberships.columns.user")}</Table.Th>
            <Table.Th>{t("admin.memberships.columns.organization")}</Table.Th>
            <Table.Th>{t("admin.memberships.role")}</Table.Th>
            <Table.Th>{t("admin.memberships.columns.expires")}</Table.Th>
            <Table.Th>{t("admin.memberships.changeExpiry")}</Table.Th>
            <Table.Th>{t("admin.memberships.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <MembershipGridRow key={`${row.organization.id}/${row.user.id}`} row={row} />
          ))}
        </Table.Tbody>
      </Table>
      {memberships.isSuccess && rows.length === 0 && <Text>{t("admin.memberships.none")}</Text>}
      <Group justify="space-between">
        <Text size="sm">{t("admin.memberships.total", { count: memberships.data?.total ?? 0 })}</Text>
        <Pager
          page={cursors.length}
          hasPrevious={cursors.length > 1}
          nextCursor={memberships.data?.nextCursor ?? null}
          onPrevious={() => setCursors((c) => c.slice(0, -1))}
          onNext={(next) => setCursors((c) => [...c, next])}
        />
      </Group>
    </Stack>
  )
}

function MembershipGridRow({ row }: { readonly row: MembershipRow }) {
  const { t } = useTranslation()
  const update = useUpdateMember()
  const remove = useRemoveMember()
  const name = `${row.user.firstName} ${row.user.lastName}`
  const where = { name, organization: row.organization.name }
  const path = { orgId: row.organization.id, userId: row.user.id }
  return (
    <Table.Tr>
      <Table.Td>
        <Link to="/users/$userId" params={{ userId: row.user.id }}>
          {name}
        </Link>
        <Text size="sm">{row.user.email}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Text>{row.organization.name}</Text>
          {row.organization.status === "inactive" && (
            <Badge color="gray.7">{t("admin.memberships.inactiveOrganization")}</Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{row.role}</Table.Td>
      <Table.Td>
        <ExpiryBadge expiresAt={row.expiresAt} inEffect={row.inEffect} />
      </Table.Td>
      <Table.Td>
        <TextInput
          type="date"
          aria-label={t("admin.memberships.expiryOf", where)}
          defaultValue={row.expiresAt?.slice(0, 10) ?? ""}
          onBlur={async (event) => {
            const expiresAt = expiryOf(event.currentTarget.value)
            if (
              expiresAt === row.expiresAt ||
              (expiresAt !== null && expiresAt.slice(0, 10) === row.expiresAt?.slice(0, 10))
            )
              return
            try {
              await update.mutateAsync({ ...path, expiresAt })
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
              await remove.mutateAsync(path)
              notify("teal", t("admin.memberships.removed"))
            } catch (error) {
              notifyProblem(error, t)
            }
          }}
        >
          {t("admin.memberships.remove", where)}
        </Button>
      </Table.Td>
    </Table.Tr>
  )
}
