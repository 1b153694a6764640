import type { Preset } from "../lib/i18n/i18n.ts"
import type { Permission } from "../lib/session.ts"

/** A link of the side navigation; `permission` hides it from whoever lacks it. */
export interface NavItem {
  readonly to:
    | "/"
    | "/profile"
    | "/users"
    | "/memberships"
    | "/organizations"
    | "/catalogue"
    | "/users/import"
    | "/roles"
    | "/audit"
    | "/settings/password-policy"
    | "/settings/shopify"
    | "/settings/pims"
    | "/settings/account-recovery"
    | "/settings/webhooks"
  readonly label:
    | "nav.home"
    | "nav.profile"
    | "nav.users"
    | "admin.nav.memberships"
    | "organizations.nav"
    | "admin.nav.catalogue"
    | "admin.nav.import"
    | "admin.nav.roles"
    | "audit.nav"
    | "settings.nav.passwordPolicy"
    | "settings.nav.shopify"
    | "settings.nav.pims"
    | "settings.nav.accountRecovery"
    | "webhooks.nav"
  readonly permission?: Permission
  readonly section: "main" | "admin" | "settings"
  /** Only the products whose documents have the page (none given: every product). */
  readonly presets?: ReadonlyArray<Preset>
}

export const NAV_ITEMS: ReadonlyArray<NavItem> = [
  { to: "/", label: "nav.home", section: "main" },
  { to: "/users", label: "nav.users", permission: "users:read", section: "admin" },
  { to: "/organizations", label: "organizations.nav", permission: "orgs:manage", section: "admin" },
  {
    to: "/users/import",
    label: "admin.nav.import",
    permission: "users:write",
    section: "admin",
    presets: ["wetrack"]
  },
  {
    to: "/catalogue",
    label: "admin.nav.catalogue",
    permission: "users:read",
    section: "admin",
    presets: ["wetrack"]
  },
  {
    to: "/memberships",
    label: "admin.nav.memberships",
    // reading memberships tenant-wide: members:read (the API's GET /v1/memberships), 003's Admin -> Memberships
    permission: "members:read",
    section: "admin",
    presets: ["weavestream", "puqcloud"]
  },
  {
    to: "/roles",
    label: "admin.nav.roles",
    permission: "users:read",
    section: "admin",
    presets: ["weevio", "wetrack", "weavestream", "puqcloud"]
  },
  { to: "/audit", label: "audit.nav", permission: "audit:read", section: "admin" },
  // Settings (settings:manage). The webhooks page adds its own entry here, at /settings/webhooks.
  {
    to: "/settings/password-policy",
    label: "settings.nav.passwordPolicy",
    permission: "settings:manage",
    section: "settings"
  },
  {
    to: "/settings/shopify",
    label: "settings.nav.shopify",
    permission: "settings:manage",
    section: "settings"
  },
  {
    to: "/settings/pims",
    label: "settings.nav.pims",
    permission: "settings:manage",
    section: "settings",
    // PIMS is 000's outside system: only weevio tenants keep credentials for it
    presets: ["weevio"]
  },
  {
    to: "/settings/account-recovery",
    label: "settings.nav.accountRecovery",
    permission: "settings:manage",
    section: "settings"
  },
  { to: "/settings/webhooks", label: "webhooks.nav", permission: "settings:manage", section: "settings" }
]

/** The items `permissions` allow, by section (a section without items is not shown). */
export const visibleNav = (
  permissions: ReadonlyArray<string>,
  preset?: Preset
): {
  readonly main: ReadonlyArray<NavItem>
  readonly admin: ReadonlyArray<NavItem>
  readonly settings: ReadonlyArray<NavItem>
} => {
  const visible = NAV_ITEMS.filter(
    (item) =>
      (item.permission === undefined || permissions.includes(item.permission)) &&
      (item.presets === undefined || (preset !== undefined && item.presets.includes(preset)))
  )
  return {
    main: visible.filter((item) => item.section === "main"),
    admin: visible.filter((item) => item.section === "admin"),
    settings: visible.filter((item) => item.section === "settings")
  }
}
