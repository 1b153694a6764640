import type { Catalogue } from "./en.ts"

/** The audit log's words, English; the catalogue holds them under `audit`. An action's words are found by its
 * name (`user.created` is `actions.user.created`); an action without words shows its name. */
export const auditEn = {
  nav: "Audit log",
  title: "Audit log",
  filters: "Filters",
  actor: "Actor",
  target: "Target",
  action: "Action",
  from: "From",
  to: "To",
  anyone: "Anyone",
  anything: "Anything",
  anyAction: "Any action",
  searchUsers: "Type a name or an email address",
  noUsersFound: "No user found",
  clearFilters: "Clear filters",
  total_one: "{{count}} event",
  total_other: "{{count}} events",
  none: "No event matches these filters.",
  loadFailed: "The audit log could not be loaded.",
  previousPage: "Previous page",
  nextPage: "Next page",
  page: "Page {{page}}",
  tableLabel: "Audit events",
  columns: { at: "Time", actor: "Actor", action: "Action", target: "Target", details: "Details" },
  actorKinds: { platform: "Platform operator", system: "System (automatic)", anonymous: "Anonymous" },
  unknownUser: "Unknown user ({{id}})",
  showActor: "Show only the events of {{name}}",
  timeline: {
    title: "Timeline",
    about: "About this user",
    by: "By this user",
    view: "Events",
    openLog: "Open in the audit log"
  },
  actions: {
    auth: { login_failed: "Sign-in failed", login_succeeded: "Signed in", logout: "Signed out" },
    customer: { tags_added: "Shopify customer tags added", tags_removed: "Shopify customer tags removed" },
    department: {
      created: "Department created",
      deleted: "Department deleted",
      updated: "Department renamed"
    },
    eshop: {
      activation_url_generated: "eShop activation link generated",
      customer_changed: "eShop customer changed",
      invite_resent: "eShop invitation resent",
      invited: "Invited to the eShop",
      revoked: "eShop access revoked",
      settings_updated: "Shopify store settings changed"
    },
    external_credentials: {
      deleted: "PIMS credentials deleted",
      saved: "PIMS credentials saved",
      settings_updated: "Default PIMS credentials changed"
    },
    group: {
      created: "Group created",
      deleted: "Group deleted",
      member_added: "Added to a group",
      member_removed: "Removed from a group",
      updated: "Group renamed"
    },
    invitation: { issued: "Setup link issued", revoked: "Setup link revoked" },
    membership: {
      added: "Membership added",
      expired: "Membership expired",
      removed: "Membership removed",
      updated: "Membership changed"
    },
    mfa: {
      recovery_codes_regenerated: "New recovery codes created",
      totp_cleared: "Two-factor authentication cleared by an admin",
      totp_code_failed: "Wrong two-factor code",
      totp_disabled: "Two-factor authentication turned off",
      totp_enabled: "Two-factor authentication turned on",
      totp_enrollment_started: "Two-factor enrolment started"
    },
    organization: {
      created: "Organization created",
      deleted: "Organization deleted",
      updated: "Organization changed"
    },
    session: { revoked: "Session ended", revoked_all: "All sessions ended" },
    setup: { check_failed: "Setup link refused", completed: "Setup completed", started: "Setup started" },
    tenant: {
      account_recovery_updated: "Account recovery changed",
      created: "Tenant created",
      password_policy_updated: "Password policy changed"
    },
    user: {
      created: "User created",
      deactivated: "User deactivated",
      deleted: "User deleted",
      disabled: "User disabled",
      email_verification_requested: "Email verification requested",
      email_verified: "Email address verified",
      enabled: "User enabled",
      password_change_failed: "Password change refused",
      password_check_failed: "Wrong password",
      password_changed: "Password changed",
      password_reset: "Password reset",
      password_reset_requested: "Password reset requested",
      restored: "User restored",
      role_changed: "Role changed",
      token_check_failed: "Link refused",
      updated: "User changed"
    },
    users: { imported: "Users imported" },
    webhook: {
      created: "Webhook created",
      deleted: "Webhook deleted",
      delivery_retried: "Webhook delivery retried",
      disabled: "Webhook disabled",
      secret_rotated: "Webhook secret rotated",
      test: "Webhook test event",
      tested: "Webhook tested",
      updated: "Webhook changed"
    }
  }
}

/** The audit log's words, German (complete). */
export const auditDe: Catalogue<typeof auditEn> = {
  nav: "Protokoll",
  title: "Protokoll",
  filters: "Filter",
  actor: "Ausgeführt von",
  target: "Betroffen",
  action: "Aktion",
  from: "Von",
  to: "Bis",
  anyone: "Alle",
  anything: "Alles",
  anyAction: "Jede Aktion",
  searchUsers: "Name oder E-Mail-Adresse eingeben",
  noUsersFound: "Kein Benutzer gefunden",
  clearFilters: "Filter zurücksetzen",
  total_one: "{{count}} Ereignis",
  total_other: "{{count}} Ereignisse",
  none: "Kein Ereignis passt zu diesen Filtern.",
  loadFailed: "Das Protokoll konnte nicht geladen werden.",
  previousPage: "Vorherige Seite",
  nextPage: "Nächste Seite",
  page: "Seite {{page}}",
  tableLabel: "Protokollereignisse",
  columns: {
    at: "Zeit",
    actor: "Ausgeführt von",
    action: "Aktion",
    target: "Betroffen",
    details: "Einzelheiten"
  },
  actorKinds: { platform: "Plattformbetreiber", system: "System (automatisch)", anonymous: "Anonym" },
  unknownUser: "Unbekannter Benutzer ({{id}})",
  showActor: "Nur die Ereignisse von {{name}} zeigen",
  timeline: {
    title: "Verlauf",
    about: "Über diesen Benutzer",
    by: "Von diesem Benutzer",
    view: "Ereignisse",
    openLog: "Im Protokoll öffnen"
  },
  actions: {
    auth: { login_failed: "Anmeldung fehlgeschlagen", login_succeeded: "Angemeldet", logout: "Abgemeldet" },
    customer: { tags_added: "Shopify-Kunden-Tags hinzugefügt", tags_removed: "Shopify-Kunden-Tags entfernt" },
    department: {
      created: "Abteilung angelegt",
      deleted: "Abteilung gelöscht",
      updated: "Abteilung umbenannt"
    },
    eshop: {
      activation_url_generated: "eShop-Aktivierungslink erzeugt",
      customer_changed: "eShop-Kunde geändert",
      invite_resent: "eShop-Einladung erneut gesendet",
      invited: "Zum eShop eingeladen",
      revoked: "eShop-Zugang entzogen",
      settings_updated: "Shopify-Shop-Einstellungen geändert"
    },
    external_credentials: {
      deleted: "PIMS-Zugangsdaten gelöscht",
      saved: "PIMS-Zugangsdaten gespeichert",
      settings_updated: "Standard-PIMS-Zugangsdaten geändert"
    },
    group: {
      created: "Gruppe angelegt",
      deleted: "Gruppe gelöscht",
      member_added: "Zu einer Gruppe hinzugefügt",
      member_removed: "Aus einer Gruppe entfernt",
      updated: "Gruppe umbenannt"
    },
    invitation: { issued: "Einrichtungslink ausgestellt", revoked: "Einrichtungslink widerrufen" },
    membership: {
      added: "Mitgliedschaft hinzugefügt",
      expired: "Mitgliedschaft abgelaufen",
      removed: "Mitgliedschaft entfernt",
      updated: "Mitgliedschaft geändert"
    },
    mfa: {
      recovery_codes_regenerated: "Neue Wiederherstellungscodes erstellt",
      totp_cleared: "Zwei-Faktor-Authentifizierung von einem Admin zurückgesetzt",
      totp_code_failed: "Falscher Zwei-Faktor-Code",
      totp_disabled: "Zwei-Faktor-Authentifizierung ausgeschaltet",
      totp_enabled: "Zwei-Faktor-Authentifizierung eingeschaltet",
      totp_enrollment_started: "Zwei-Faktor-Einrichtung begonnen"
    },
    organization: {
      created: "Organisation angelegt",
      deleted: "Organisation gelöscht",
      updated: "Organisation geändert"
    },
    session: { revoked: "Sitzung beendet", revoked_all: "Alle Sitzungen beendet" },
    setup: {
      check_failed: "Einrichtungslink abgelehnt",
      completed: "Einrichtung abgeschlossen",
      started: "Einrichtung begonnen"
    },
    tenant: {
      account_recovery_updated: "Kontowiederherstellung geändert",
      created: "Mandant angelegt",
      password_policy_updated: "Passwortrichtlinie geändert"
    },
    user: {
      created: "Benutzer angelegt",
      deactivated: "Benutzer deaktiviert",
      deleted: "Benutzer gelöscht",
      disabled: "Benutzer gesperrt",
      email_verification_requested: "E-Mail-Bestätigung angefordert",
      email_verified: "E-Mail-Adresse bestätigt",
      enabled: "Benutzer entsperrt",
      password_change_failed: "Passwortänderung abgelehnt",
      password_check_failed: "Falsches Passwort",
      password_changed: "Passwort geändert",
      password_reset: "Passwort zurückgesetzt",
      password_reset_requested: "Passwort-Zurücksetzung angefordert",
      restored: "Benutzer wiederhergestellt",
      role_changed: "Rolle geändert",
      token_check_failed: "Link abgelehnt",
      updated: "Benutzer geändert"
    },
    users: { imported: "Benutzer importiert" },
    webhook: {
      created: "Webhook angelegt",
      deleted: "Webhook gelöscht",
      delivery_retried: "Webhook-Zustellung wiederholt",
      disabled: "Webhook deaktiviert",
      secret_rotated: "Webhook-Geheimnis erneuert",
      test: "Webhook-Testereignis",
      tested: "Webhook getestet",
      updated: "Webhook geändert"
    }
  }
}
