import { weavestreamAdmin } from "./adminWords.ts"
import type { PresetOverlay } from "./overlay.ts"

/** Weavestream (document 003: invite-only operators, contractors and client users, setup links, TOTP). */
export const weavestream: PresetOverlay = {
  en: {
    admin: weavestreamAdmin,
    nav: { admin: "Admin", users: "Users" },
    users: { title: "Users", add: "New User", create: "Create" },
    setup: { done: "Setup is complete. You can log in immediately." },
    totp: { scan: "Scan the TOTP QR code with your authenticator app." }
  },
  de: {
    nav: { admin: "Verwaltung", users: "Benutzer" },
    users: { add: "Neuer Benutzer" }
  }
}
