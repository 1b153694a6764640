import type { Catalogue } from "./en.ts"

/** Die Wörter der eigenen Profilseite: jeder Schlüssel von `account.en.ts`. */
export const accountDe: Catalogue["account"] = {
  title: "Mein Profil",
  personal: "Persönliche Angaben",
  security: "Konto & Sicherheit",
  firstName: "Vorname",
  lastName: "Nachname",
  displayName: "Anzeigename",
  phone: "Telefon",
  language: "Sprache",
  languageDefault: "Wie der Browser",
  required: "Dieses Feld ist erforderlich",
  save: "Profil speichern",
  saved: "Ihr Profil wurde gespeichert.",
  conflictTitle: "Anderswo geändert",
  conflict:
    "Ihr Profil wurde anderswo geändert (in einem anderen Tab oder von einer Administratorin), während Sie es bearbeitet haben. Laden Sie es neu, um die Änderungen zu sehen, und bearbeiten Sie es dann erneut.",
  reload: "Neu laden",
  email: "E-Mail",
  emailReadOnly:
    "Ihre E-Mail-Adresse kann nicht geändert werden. Wenden Sie sich an eine Administratorin, wenn Sie eine andere brauchen.",
  emailVerified: "Bestätigt",
  emailNotVerified: "Nicht bestätigt",
  verify: {
    title: "E-Mail-Adresse bestätigen",
    text: "Ihre E-Mail-Adresse ist noch nicht bestätigt. Wir senden Ihnen einen Link, mit dem Sie bestätigen, dass sie Ihnen gehört.",
    send: "Bestätigungs-E-Mail senden",
    sent: "Eine Bestätigungs-E-Mail an {{email}} ist unterwegs. Der Link gilt 24 Stunden."
  },
  changePasswordIntro:
    "Wenn Ihr Passwort geändert wird, enden alle Sitzungen: Sie melden sich mit dem neuen Passwort wieder an.",
  twoFactor: {
    title: "Zwei-Faktor-Authentifizierung",
    on: "Die Zwei-Faktor-Authentifizierung ist eingeschaltet.",
    off: "Die Zwei-Faktor-Authentifizierung ist ausgeschaltet.",
    required:
      "Ihr Konto verlangt die Zwei-Faktor-Authentifizierung; sie kann hier nicht ausgeschaltet werden.",
    enrol: "Zwei-Faktor-Authentifizierung einrichten",
    enrolIntro:
      "Sobald Sie den Code bestätigen, enden alle Sitzungen und Sie melden sich mit Passwort und einem Code aus der App wieder an.",
    turnOff: "Zwei-Faktor-Authentifizierung ausschalten",
    turnOffIntro:
      "Geben Sie einen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein. Alle Sitzungen enden: Sie melden sich wieder an.",
    code: "Code aus der App oder Wiederherstellungscode",
    confirmTurnOff: "Ausschalten",
    cancel: "Abbrechen",
    turnedOff: "Die Zwei-Faktor-Authentifizierung ist ausgeschaltet. Melden Sie sich wieder an.",
    invalidCode: "Der Code ist nicht richtig oder wurde schon verwendet.",
    newCodes: "Neue Wiederherstellungscodes erstellen",
    newCodesIntro:
      "Ihre bisherigen Wiederherstellungscodes werden ungültig und zehn neue werden einmal angezeigt. Bestätigen Sie mit einem Code aus Ihrer Authenticator-App oder mit Ihrem Passwort, dass Sie es sind.",
    newCodesCode: "Code aus Ihrer Authenticator-App",
    newCodesPassword: "Ihr Passwort",
    usePassword: "Stattdessen das Passwort verwenden",
    useCode: "Stattdessen einen Code aus der App verwenden",
    newCodesConfirm: "Neue Codes anzeigen",
    wrongPassword: "Das Passwort ist nicht richtig.",
    newCodesDone: "Fertig"
  },
  sessions: {
    title: "Wo Sie angemeldet sind",
    intro:
      "Jede Anmeldung in einem Browser oder auf einem Gerät ist eine Sitzung. Melden Sie die ab, die Sie nicht kennen.",
    started: "Angemeldet",
    lastSeen: "Zuletzt aktiv",
    expires: "Endet",
    current: "Dieser Browser",
    revoke: "Abmelden",
    revokeSession: "Die Sitzung abmelden, die um {{when}} angemeldet wurde",
    revoked: "Diese Sitzung ist beendet.",
    revokedCurrent: "Sie haben diesen Browser abgemeldet.",
    count_one: "{{count}} Sitzung",
    count_other: "{{count}} Sitzungen"
  },
  pims: {
    title: "PIMS-Integration",
    status: "Verbindungsstatus",
    connected: "Verbunden",
    saved: "Zugangsdaten im Profil gespeichert",
    none: "Nicht verbunden",
    username: "PIMS-Benutzername",
    password: "PIMS-Passwort",
    saveValidate: "PIMS-Verbindung speichern und prüfen",
    success: "Benutzerprofil und PIMS-Zugangsdaten wurden gespeichert",
    invalid:
      "PIMS hat diesen Benutzernamen und dieses Passwort abgelehnt; nichts wurde gespeichert. Korrigieren Sie sie und versuchen Sie es erneut.",
    unavailable:
      "PIMS war zur Prüfung der Zugangsdaten nicht erreichbar; nichts wurde gespeichert. Versuchen Sie es später erneut.",
    notConfigured:
      "Die PIMS-Prüfung ist für Ihre Organisation noch nicht eingerichtet; nichts wurde gespeichert. Wenden Sie sich an Ihre Administration.",
    locked:
      "Sie sind mit den Standard-PIMS-Zugangsdaten dieses Mandanten angemeldet. Sie können Ihre PIMS-Zugangsdaten nicht ändern.",
    requiredOrders: "Um auf Aufträge und SROs zuzugreifen, melden Sie sich bei PIMS an.",
    requiredDashboard: "Um auf das Start-Dashboard zuzugreifen, melden Sie sich bei PIMS an.",
    delete: "PIMS-Zugangsdaten löschen",
    deleteTitle: "PIMS-Zugangsdaten löschen",
    deleteQuestion: "Möchten Sie Ihre PIMS-Zugangsdaten wirklich löschen?",
    deleteConfirm: "Löschen",
    deleteCancel: "Abbrechen",
    deleted: "Ihre PIMS-Zugangsdaten wurden gelöscht",
    deleteFailed:
      "Ihre PIMS-Zugangsdaten konnten nicht gelöscht werden. Bitte versuchen Sie es später erneut."
  }
}
