import type { UserRow } from "./api/users.ts"

export type Preset = "weevio" | "wetrack" | "weavestream" | "puqcloud"

/** The columns of the users grid, each product its own (the product documents' tables). */
export type Column =
  | "select"
  | "avatar"
  | "name"
  | "email"
  | "phone"
  | "permissions"
  | "role"
  | "department"
  | "groups"
  | "active"
  | "statusBadge"
  | "twoFactor"
  | "lastLogin"
  | "setup"
  | "clients"
  | "created"
  | "actions"

export const COLUMNS: Readonly<Record<Preset, ReadonlyArray<Column>>> = {
  // 000: Name, Email, Permissions (Admin red / Regular gray), Actions (pencil, trash)
  weevio: ["name", "email", "permissions", "actions"],
  // 002: the employees' details, department, groups, active, and the row checkbox on the far right
  wetrack: ["name", "email", "role", "department", "groups", "active", "select"],
  // 003: accounts with their global role, setup state and last login
  weavestream: ["name", "email", "role", "setup", "lastLogin", "actions"],
  // 004: avatar, name, status badges, 2FA, contact details, Clients counter with the eye, Created, actions
  puqcloud: ["avatar", "name", "statusBadge", "twoFactor", "email", "phone", "clients", "created", "actions"]
}

/** Which columns sort the list (the API's sort keys). */
export const SORT_OF: Partial<Record<Column, "name" | "email" | "created" | "lastLogin">> = {
  name: "name",
  email: "email",
  created: "created",
  lastLogin: "lastLogin"
}

/** 004's status badges: NEW before setup, ACTIVE, INACTIVE when login is blocked. */
export const statusBadge = (status: UserRow["status"]): "new" | "active" | "inactive" =>
  status === "pending" ? "new" : status === "active" ? "active" : "inactive"

export const statusColor = { new: "blue.9", active: "teal.9", inactive: "gray.7" } as const

/** The role that shows as 000's red Admin chip: the preset's admin role. */
export const ADMIN_ROLE: Readonly<Record<Preset, string>> = {
  weevio: "Admin",
  wetrack: "Account Admin",
  weavestream: "SUPER_ADMIN",
  puqcloud: "Admin"
}

export const fullName = (user: Pick<UserRow, "firstName" | "lastName">): string =>
  `${user.firstName} ${user.lastName}`.trim()
