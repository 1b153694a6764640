import {
  ActionIcon,
  Avatar,
  Badge,
  Checkbox,
  Group,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden
} from "@mantine/core"
import {
  IconChevronUp,
  IconEye,
  IconPencil,
  IconSelector,
  IconShieldCheck,
  IconShieldOff,
  IconTrash
} from "@tabler/icons-react"
import { Link } from "@tanstack/react-router"
import type { KeyboardEvent } from "react"
import { useTranslation } from "react-i18next"
import type { UserRow } from "../api/users.ts"
import {
  ADMIN_ROLE,
  COLUMNS,
  type Column,
  fullName,
  type Preset,
  SORT_OF,
  statusBadge,
  statusColor
} from "../presetColumns.ts"

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

const initials = (user: UserRow) => `${user.firstName[0] ?? ""}${user.lastName[0] ?? ""}`.toUpperCase()

/** The users of one page in the preset's columns; a row (or its name link) opens the profile. */
export function UsersGrid(props: Props) {
  const { t, i18n } = useTranslation()
  const columns = COLUMNS[props.preset]
  const date = (iso: string | null) =>
    iso === null ? t("admin.users.never") : new Date(iso).toLocaleDateString(i18n.language)
  const dateTime = (iso: string | null) =>
    iso === null ? t("admin.users.never") : new Date(iso).toLocaleString(i18n.language)
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

  const cell = (column: Column, user: UserRow) => {
    const name = fullName(user)
    switch (column) {
      case "select":
        return (
          <Checkbox
            aria-label={t("admin.users.select", { name })}
            checked={props.selected?.has(user.id) ?? false}
            onChange={(event) => props.onSelect?.(user.id, event.currentTarget.checked)}
            onClick={(event) => event.stopPropagation()}
          />
        )
      case "avatar":
        return (
          <Avatar radius="xl" size="sm" color="indigo.8" variant="filled" alt="">
            {initials(user)}
          </Avatar>
        )
      case "name":
        return (
          <Link to="/users/$userId" params={{ userId: user.id }} onClick={(event) => event.stopPropagation()}>
            {name}
          </Link>
        )
      case "email":
        return user.email
      case "phone":
        return user.phone ?? ""
      case "permissions": {
        const admin = user.role === ADMIN_ROLE[props.preset]
        return (
          <Badge color={admin ? "red.9" : "gray.7"} variant="filled">
            {admin ? t("admin.users.permissionAdmin") : t("admin.users.permissionRegular")}
          </Badge>
        )
      }
      case "role":
        return user.role
      case "department":
        return user.departmentId === null ? "" : (props.departments?.[user.departmentId] ?? "")
      case "groups":
        return user.groupIds
          .map((id: string) => props.groups?.[id] ?? "")
          .filter((g: string) => g !== "")
          .join(", ")
      case "active":
        return user.status === "active" || user.status === "pending"
          ? t("admin.users.yes")
          : t("admin.users.no")
      case "statusBadge": {
        const badge = statusBadge(user.status)
        return <Badge color={statusColor[badge]}>{t(`admin.users.status.${badge}`)}</Badge>
      }
      case "twoFactor":
        return user.totpEnabled ? (
          <Tooltip label={t("admin.users.twoFactorOn")}>
            <IconShieldCheck
              size={18}
              color="var(--mantine-color-green-8)"
              aria-label={t("admin.users.twoFactorOn")}
            />
          </Tooltip>
        ) : (
          <IconShieldOff
            size={18}
            color="var(--mantine-color-gray-7)"
            aria-label={t("admin.users.twoFactorOff")}
          />
        )
      case "lastLogin":
        return dateTime(user.lastLoginAt)
      case "setup":
        return user.status === "pending" ? t("admin.users.setupPending") : t("admin.users.setupDone")
      case "clients":
        return (
          <Group gap={4} wrap="nowrap">
            <Text size="sm">{props.clientCounts?.[user.id] ?? 0}</Text>
            <ActionIcon
              variant="subtle"
              aria-label={t("admin.users.viewClients", { name })}
              onClick={(event) => {
                event.stopPropagation()
                props.onShowClients?.(user)
              }}
            >
              <IconEye size={16} />
            </ActionIcon>
          </Group>
        )
      case "created":
        return date(user.createdAt)
      case "actions":
        return (
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t("admin.users.edit", { name })}
              onClick={(event) => {
                event.stopPropagation()
                props.onEdit(user)
              }}
            >
              <IconPencil size={16} />
            </ActionIcon>
            {props.onDelete === undefined ? null : (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("admin.users.delete", { name })}
                onClick={(event) => {
                  event.stopPropagation()
                  props.onDelete?.(user)
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        )
    }
  }

  const onRowKey = (event: KeyboardEvent, user: UserRow) => {
    if (event.key === "Enter" && event.target === event.currentTarget) props.onOpen(user)
  }

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
            <Table.Tr
              key={user.id}
              data-user-id={user.id}
              style={{ cursor: "pointer" }}
              onClick={() => props.onOpen(user)}
              onKeyDown={(event) => onRowKey(event, user)}
            >
              {columns.map((column) => (
                <Table.Td key={column}>{cell(column, user)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
