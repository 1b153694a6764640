import type { Catalogue } from "./en.ts"

/** The customer portal's words (001), English; the catalogue holds them under `portal`. */
export const portalEn = {
  title: "Users and Permissions",
  intro:
    "Manage who can access your Customer Portal — add users, set permission levels, and control online store access.",
  tabs: "User status",
  active: "Active",
  disabled: "Disabled",
  email: "Email",
  name: "Name",
  permissions: "Permissions",
  activeToggle: "Active: {{email}}",
  permissionsOf: "Permissions of {{email}}",
  you: "(you)",
  totalUsers: "Total Users: {{count}}",
  noUsers: "No users.",
  addUser: "Add User",
  firstName: "First Name",
  lastName: "Last Name",
  permissionLevel: "Permission Level",
  create: "Create",
  cancel: "Cancel",
  close: "Close",
  required: "Required",
  userCreated: "The user {{email}} has been created.",
  duplicateEmail: "A user with this email address already exists in this account.",
  saved: "Saved.",
  noAccess: "Only Admin permission level users can access the Users and Permissions page.",
  notFound: "This organization does not exist or you are not one of its members."
}

export const portalDe: Catalogue<typeof portalEn> = {
  title: "Benutzer und Berechtigungen",
  intro:
    "Legen Sie fest, wer Zugang zu Ihrem Kundenportal hat: Benutzer hinzufügen, Berechtigungsstufen setzen und den Zugang zum Onlineshop steuern.",
  tabs: "Benutzerstatus",
  active: "Aktiv",
  disabled: "Deaktiviert",
  email: "E-Mail",
  name: "Vor- und Nachname",
  permissions: "Berechtigungen",
  activeToggle: "Aktiv: {{email}}",
  permissionsOf: "Berechtigungen von {{email}}",
  you: "(Sie)",
  totalUsers: "Benutzer insgesamt: {{count}}",
  noUsers: "Keine Benutzer.",
  addUser: "Benutzer hinzufügen",
  firstName: "Vorname",
  lastName: "Nachname",
  permissionLevel: "Berechtigungsstufe",
  create: "Anlegen",
  cancel: "Abbrechen",
  close: "Schließen",
  required: "Pflichtfeld",
  userCreated: "Der Benutzer {{email}} wurde angelegt.",
  duplicateEmail: "Ein Benutzer mit dieser E-Mail-Adresse existiert in diesem Konto bereits.",
  saved: "Gespeichert.",
  noAccess:
    "Nur Benutzer mit der Berechtigungsstufe Admin können die Seite Benutzer und Berechtigungen öffnen.",
  notFound: "Diese Organisation gibt es nicht, oder Sie gehören nicht zu ihr."
}
