import { Checkbox, Group, Table, Text, UnstyledButton, VisuallyHidden } from "@mantine/core"
import { IconChevronUp, IconSelector } from "@tabler/icons-react"
import { useLayoutEffect, useMemo, useRef } from "react"
import { useTranslation } from "react-i18next"
import type { UserRow } from "../api/users.ts"
import { COLUMNS, type Column, type Preset, SORT_OF } from "../presetColumns.ts"
import { type RowActions, UsersGridRow } from "./UsersGridRow.tsx"

export type SortKey = "name" | "email" | "created" | "lastLogin"

interface Props {
  readonly preset: Preset
  readonly rows: ReadonlyArray<UserRow>
  readonly sort: SortKey
  readonly onSort: (sort: SortKey) => void
  readonly onOpen: (user: UserRow) => void
  /** The pencil: the profile, or 004's Edit User modal. */
  readonly onEdit: (user: UserRow) => void
  readonly onDelete?: ((user: UserRow) => void) | undefined
  readonly onShowClients?: ((user: UserRow) => void) | undefined
  readonly clientCounts?: Readonly<Record<string, number>> | undefined
  readonly departments?: Readonly<Record<string, string>> | undefined
  readonly groups?: Readonly<Record<string, string>> | undefined
  readonly selected?: ReadonlySet<string> | undefined
  readonly onSelect?: ((id: string, selected: boolean) => void) | undefined
  readonly onSelectPage?: ((selected: boolean) => void) | undefined
}

/** The users of one page in the preset's columns; a row (or its name link) opens the profile. */
export function UsersGrid(props: Props) {
  const { t, i18n } = useTranslation()
  const columns = COLUMNS[props.preset]
  const allSelected = props.rows.length > 0 && props.rows.every((row) => props.selected?.has(row.id))

  const header = (column: Column) => {
    if (column === "select")
      return (
        <Checkbox
          aria-label={t("admin.users.selectAll")}
          checked={allSelected}
          onChange={(event) => props.onSelectPage?.(event.currentTarget.checked)}
        />
      )
    const label = t(`admin.users.columns.${column}`)
    const sortKey = SORT_OF[column]
    if (sortKey === undefined)
      return column === "actions" || column === "avatar" ? <VisuallyHidden>{label}</VisuallyHidden> : label
    const active = props.sort === sortKey
    const Icon = active ? IconChevronUp : IconSelector
    return (
      <UnstyledButton
        onClick={() => props.onSort(sortKey)}
        aria-label={t("admin.users.sortBy", { column: label })}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    )
  }

  // one actions object for every row and every render: the rows stay memoised while the page's handlers change
  const latest = useRef(props)
  useLayoutEffect(() => {
    latest.current = props
  })
  const on = useMemo<RowActions>(
    () => ({
      open: (user) => latest.current.onOpen(user),
      edit: (user) => latest.current.onEdit(user),
      delete: (user) => latest.current.onDelete?.(user),
      showClients: (user) => latest.current.onShowClients?.(user),
      select: (id, selected) => latest.current.onSelect?.(id, selected)
    }),
    []
  )

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover striped aria-label={t("admin.users.gridLabel")}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th
                key={column}
                aria-sort={
                  SORT_OF[column] !== undefined && props.sort === SORT_OF[column] ? "ascending" : undefined
                }
              >
                {header(column)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((user) => (
            <UsersGridRow
              key={user.id}
              user={user}
              preset={props.preset}
              columns={columns}
              t={t}
              language={i18n.language}
              on={on}
              canDelete={props.onDelete !== undefined}
              selected={props.selected?.has(user.id) ?? false}
              clientCount={props.clientCounts?.[user.id] ?? 0}
              departmentName={
                user.departmentId === null ? "" : (props.departments?.[user.departmentId] ?? "")
              }
              groupNames={user.groupIds
                .map((id: string) => props.groups?.[id] ?? "")
                .filter((g: string) => g !== "")
                .join(", ")}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
