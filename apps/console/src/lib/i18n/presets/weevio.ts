import { weevioAdmin } from "./adminWords.ts"
import type { PresetOverlay } from "./overlay.ts"
import { weevioSettings } from "./settingsWords.ts"

/** Weevio Cloud (document 000, staff user management; 001, the customer portal). */
export const weevio: PresetOverlay = {
  en: {
    admin: weevioAdmin,
    settings: weevioSettings,
    nav: { users: "User Management", signOut: "Logout" },
    // 000's profile sections and fields, as written there
    account: {
      personal: "Personal Information",
      security: "Account & Security",
      firstName: "First Name",
      lastName: "Last Name",
      phone: "Phone",
      email: "Email address",
      save: "Save Profile"
    },
    users: {
      title: "User Management",
      add: "Add User",
      create: "Create User",
      totalUsers: "Total Users: {{count}}"
    },
    changePassword: {
      title: "Change Password",
      welcome: "Welcome to {{tenantName}}! To ensure your account is secure, please set a new password.",
      save: "Save",
      logout: "Logout"
    },
    password: {
      rules: {
        minLength: "At least {{count}} characters",
        requireLowercase: "At least one lowercase letter",
        requireUppercase: "At least one uppercase letter",
        requireDigit: "At least one number (0-9)"
      }
    }
  },
  de: {
    nav: { users: "Benutzerverwaltung" },
    users: { title: "Benutzerverwaltung" }
  }
}
