import { ActionIcon, Avatar, Badge, Checkbox, Group, Table, Text, Tooltip } from "@mantine/core"
import { IconEye, IconPencil, IconShieldCheck, IconShieldOff, IconTrash } from "@tabler/icons-react"
import { Link } from "@tanstack/react-router"
import type { TFunction } from "i18next"
import { type KeyboardEvent, memo } from "react"
import type { UserRow } from "../api/users.ts"
import { ADMIN_ROLE, type Column, fullName, type Preset, statusBadge, statusColor } from "../presetColumns.ts"

/** What a row does when used; one object for all rows, the same across renders. */
export interface RowActions {
  readonly open: (user: UserRow) => void
  readonly edit: (user: UserRow) => void
  readonly delete: (user: UserRow) => void
  readonly showClients: (user: UserRow) => void
  readonly select: (id: string, selected: boolean) => void
}

interface Props {
  readonly user: UserRow
  readonly preset: Preset
  readonly columns: ReadonlyArray<Column>
  readonly t: TFunction
  readonly language: string
  readonly on: RowActions
  readonly canDelete: boolean
  readonly selected: boolean
  readonly clientCount: number
  readonly departmentName: string
  readonly groupNames: string
}

const initials = (user: UserRow) => `${user.firstName[0] ?? ""}${user.lastName[0] ?? ""}`.toUpperCase()

/**
 * One user in the grid. Memoised, with only plain values and the shared actions as props: a page of 50 rows is
 * the costly part of the users page (hundreds of Mantine components), and it renders again only for a row
 * whose user, selection or names changed, not when the filters, the roles or the footer do.
 */
export const UsersGridRow = memo(function UsersGridRow(props: Props) {
  const { user, on } = props
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Enter" && event.target === event.currentTarget) on.open(user)
  }
  return (
    <Table.Tr
      data-user-id={user.id}
      style={{ cursor: "pointer" }}
      onClick={() => on.open(user)}
      onKeyDown={onKey}
    >
      {props.columns.map((column) => (
        <Table.Td key={column}>{cell(column, props)}</Table.Td>
      ))}
    </Table.Tr>
  )
})

const cell = (
  column: Column,
  { user, preset, t, language, on, canDelete, selected, clientCount, departmentName, groupNames }: Props
) => {
  const name = fullName(user)
  switch (column) {
    case "select":
      return (
        <Checkbox
          aria-label={t("admin.users.select", { name })}
          checked={selected}
          onChange={(event) => on.select(user.id, event.currentTarget.checked)}
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
      const admin = user.role === ADMIN_ROLE[preset]
      return (
        <Badge color={admin ? "red.9" : "gray.7"} variant="filled">
          {admin ? t("admin.users.permissionAdmin") : t("admin.users.permissionRegular")}
        </Badge>
      )
    }
    case "role":
      return user.role
    case "department":
      return departmentName
    case "groups":
      return groupNames
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
      return user.lastLoginAt === null
        ? t("admin.users.never")
        : new Date(user.lastLoginAt).toLocaleString(language)
    case "setup":
      return user.status === "pending" ? t("admin.users.setupPending") : t("admin.users.setupDone")
    case "clients":
      return (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{clientCount}</Text>
          <ActionIcon
            variant="subtle"
            aria-label={t("admin.users.viewClients", { name })}
            onClick={(event) => {
              event.stopPropagation()
              on.showClients(user)
            }}
          >
            <IconEye size={16} />
          </ActionIcon>
        </Group>
      )
    case "created":
      return new Date(user.createdAt).toLocaleDateString(language)
    case "actions":
      return (
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label={t("admin.users.edit", { name })}
            onClick={(event) => {
              event.stopPropagation()
              on.edit(user)
            }}
          >
            <IconPencil size={16} />
          </ActionIcon>
          {!canDelete ? null : (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t("admin.users.delete", { name })}
              onClick={(event) => {
                event.stopPropagation()
                on.delete(user)
              }}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      )
  }
}
