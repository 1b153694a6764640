import { weavestreamAdmin } from "./adminWords.ts"
import type { PresetOverlay } from "./overlay.ts"

/** Weavestream (document 003: invite-only operators, contractors and client users, setup links, TOTP). */
export const weavestream: PresetOverlay = {
  en: {
    admin: weavestreamAdmin,
    nav: { admin: "Admin", users: "Users" },
    users: { title: "Users", add: "New User", create: "Create" }
  },
  de: {
    nav: { admin: "Verwaltung", users: "Benutzer" },
    users: { add: "Neuer Benutzer" }
  }
}
