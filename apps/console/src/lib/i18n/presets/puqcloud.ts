import { puqcloudAdmin } from "./adminWords.ts"
import type { PresetOverlay } from "./overlay.ts"

/** PUQcloud Panel (document 004: users and clients, statuses, 2FA toggle, verified flags). */
export const puqcloud: PresetOverlay = {
  en: {
    admin: puqcloudAdmin,
    nav: { users: "Manage Users" },
    users: { title: "Manage Users", add: "+ Create", create: "Save" }
  },
  de: {
    nav: { users: "Benutzer verwalten" },
    users: { title: "Benutzer verwalten", add: "+ Anlegen", create: "Speichern" }
  }
}
