import { wetrackAdmin } from "./adminWords.ts"
import type { PresetOverlay } from "./overlay.ts"

/** WeTrack (document 002: employees, departments, user groups, bulk operations). */
export const wetrack: PresetOverlay = {
  en: {
    admin: wetrackAdmin,
    nav: { users: "Employees" },
    users: { title: "Employees", add: "+Add", create: "Save User" }
  },
  de: {
    nav: { users: "Mitarbeiter" },
    users: { title: "Mitarbeiter", add: "+Hinzufügen", create: "Mitarbeiter speichern" }
  }
}
