import type { Permission } from "../lib/session.ts"

/** A link of the side navigation; `permission` hides it from whoever lacks it. */
export interface NavItem {
  readonly to: "/" | "/profile" | "/users"
  readonly label: "nav.home" | "nav.profile" | "nav.users"
  readonly permission?: Permission
  readonly section: "main" | "admin"
}

export const NAV_ITEMS: ReadonlyArray<NavItem> = [
  { to: "/", label: "nav.home", section: "main" },
  { to: "/users", label: "nav.users", permission: "users:read", section: "admin" }
]

/** The items `permissions` allow, by section (a section without items is not shown). */
export const visibleNav = (
  permissions: ReadonlyArray<string>
): { readonly main: ReadonlyArray<NavItem>; readonly admin: ReadonlyArray<NavItem> } => {
  const visible = NAV_ITEMS.filter(
    (item) => item.permission === undefined || permissions.includes(item.permission)
  )
  return {
    main: visible.filter((item) => item.section === "main"),
    admin: visible.filter((item) => item.section === "admin")
  }
}
