import { accountDe } from "./account.de.ts"
import { adminDe } from "./admin.de.ts"
import { auditDe } from "./audit.ts"
import type { Catalogue } from "./en.ts"
import { organizationsDe } from "./organizations.ts"
import { portalDe } from "./portal.ts"
import { settingsDe } from "./settings.ts"
import { webhooksDe } from "./webhooks.ts"

/** German: every key of the English base (a test fails when one is missing). */
export const de: Catalogue = {
  app: {
    name: "Gatehouse",
    skipToContent: "Zum Inhalt springen",
    loading: "Wird geladen…",
    navigation: "Navigation",
    toggleNavigation: "Navigation ein- oder ausblenden",
    userMenu: "Kontomenü",
    notFound: "Diese Seite gibt es nicht.",
    backHome: "Zurück zur Startseite",
    closeNotification: "Schließen"
  },
  nav: {
    home: "Startseite",
    profile: "Mein Profil",
    admin: "Verwaltung",
    users: "Benutzer",
    portal: "Kundenportal",
    signOut: "Abmelden"
  },
  home: {
    title: "Willkommen, {{name}}",
    intro: "Sie sind bei {{tenantName}} angemeldet."
  },
  users: {
    title: "Benutzer",
    add: "Benutzer hinzufügen",
    create: "Benutzer anlegen",
    totalUsers: "Benutzer gesamt: {{count}}"
  },
  signIn: {
    title: "Anmelden",
    intro: "Melden Sie sich beim Konto Ihrer Organisation an.",
    tenant: "Mandant",
    tenantDescription: "Der Anmeldename Ihrer Organisation, wie in Ihrer Einladung.",
    email: "E-Mail",
    password: "Passwort",
    submit: "Anmelden",
    invalidCredentials:
      "Mandant, E-Mail oder Passwort sind nicht korrekt, oder das Konto kann sich nicht anmelden.",
    tooManyAttempts_one: "Zu viele Versuche. Versuchen Sie es in {{count}} Sekunde erneut.",
    tooManyAttempts_other: "Zu viele Versuche. Versuchen Sie es in {{count}} Sekunden erneut.",
    tooManyAttemptsOver: "Sie können es jetzt erneut versuchen.",
    mfaTitle: "Zwei-Faktor-Authentifizierung",
    mfaIntro: "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.",
    totpCode: "Authentifizierungscode",
    recoveryIntro:
      "Geben Sie einen der Wiederherstellungscodes ein, die Sie bei der Einrichtung der Zwei-Faktor-Authentifizierung gespeichert haben.",
    recoveryCode: "Wiederherstellungscode",
    useRecoveryCode: "Stattdessen einen Wiederherstellungscode verwenden",
    useTotpCode: "Stattdessen die Authenticator-App verwenden",
    verify: "Bestätigen",
    invalidCode: "Der Code ist nicht korrekt. Versuchen Sie es mit dem aktuellen Code erneut.",
    back: "Zurück",
    forgotPassword: "Passwort vergessen?",
    signedOut: "Sie sind abgemeldet.",
    passwordChanged: "Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen Passwort an.",
    totpEnrolled:
      "Die Zwei-Faktor-Authentifizierung ist aktiv. Melden Sie sich mit Passwort und einem Code aus der App an."
  },
  password: {
    show: "Passwort anzeigen",
    hide: "Passwort verbergen",
    rulesTitle: "Passwortregeln",
    ruleMet: "erfüllt",
    ruleNotMet: "noch nicht erfüllt",
    rules: {
      minLength: "Mindestens {{count}} Zeichen",
      maxLength: "Höchstens {{count}} Zeichen",
      requireLowercase: "Mindestens ein Kleinbuchstabe",
      requireUppercase: "Mindestens ein Großbuchstabe",
      requireDigit: "Mindestens eine Ziffer (0-9)",
      requireSymbol: "Mindestens ein Sonder- oder Satzzeichen",
      notCommon: "Kein häufig verwendetes Passwort",
      noContextWords: "Enthält weder Ihren Namen noch Ihre E-Mail-Adresse noch den Namen der Organisation"
    },
    policyFailed: "Das Passwort erfüllt die Passwortregeln nicht: {{rules}}",
    mismatch: "Die Passwörter stimmen nicht überein."
  },
  changePassword: {
    title: "Passwort ändern",
    welcome:
      "Willkommen bei {{tenantName}}! Damit Ihr Konto sicher ist, legen Sie bitte ein neues Passwort fest.",
    currentPassword: "Aktuelles Passwort",
    newPassword: "Neues Passwort",
    confirmPassword: "Neues Passwort bestätigen",
    save: "Speichern",
    cancel: "Abbrechen",
    logout: "Abmelden",
    success: "Ihr Passwort wurde geändert.",
    wrongCurrent: "Das aktuelle Passwort ist nicht korrekt."
  },
  setup: {
    title: "Kontoeinrichtung abschließen",
    intro: "Richten Sie das Konto {{email}} bei {{tenantName}} ein.",
    email: "E-Mail",
    displayName: "Anzeigename",
    password: "Passwort",
    confirmPassword: "Passwort bestätigen",
    submit: "Einrichtung abschließen",
    done: "Ihr Konto ist bereit. Sie können sich jetzt anmelden.",
    toSignIn: "Anmelden"
  },
  totp: {
    title: "Zwei-Faktor-Authentifizierung einrichten",
    intro: "Ihr Konto braucht einen zweiten Faktor: eine Authenticator-App auf Ihrem Telefon.",
    scan: "Scannen Sie den TOTP-QR-Code mit Ihrer Authenticator-App.",
    qrAlt: "QR-Code für Ihre Authenticator-App",
    keyIntro: "Scannen geht nicht? Geben Sie stattdessen diesen Schlüssel in der App ein:",
    key: "Einrichtungsschlüssel",
    confirmCode: "Code aus der App",
    confirmCodeDescription: "Geben Sie einen Code ein, um die Einrichtung zu bestätigen.",
    confirm: "Bestätigen",
    invalidCode: "Der Code ist nicht korrekt. Geben Sie den aktuellen Code aus der App ein.",
    recoveryTitle: "Wiederherstellungscodes",
    recoveryOnce: "Diese Codes werden nur einmal angezeigt. Bewahren Sie sie jetzt sicher auf.",
    recoveryIntro: "Jeder Code meldet Sie einmal an, falls Sie Ihre Authenticator-App verlieren.",
    recoverySaved: "Ich habe meine Wiederherstellungscodes gespeichert",
    continue: "Weiter zur Anmeldung"
  },
  recovery: {
    forgotTitle: "Passwort vergessen?",
    forgotIntro:
      "Geben Sie den Anmeldenamen Ihrer Organisation und Ihre E-Mail ein: Wir senden Ihnen einen Link zum Festlegen eines neuen Passworts.",
    send: "Link senden",
    sent: "Wenn ein Konto passt, ist eine E-Mail mit einem Link unterwegs. Der Link gilt 30 Minuten.",
    resetTitle: "Neues Passwort festlegen",
    resetIntro: "Legen Sie ein neues Passwort für {{email}} bei {{tenantName}} fest.",
    resetDone:
      "Ihr Passwort wurde geändert und alle Sitzungen sind beendet. Melden Sie sich mit dem neuen Passwort an.",
    verifyTitle: "E-Mail-Adresse bestätigen",
    verified: "Ihre E-Mail-Adresse ist bestätigt."
  },
  links: {
    invalidTitle: "Dieser Link funktioniert nicht",
    usedTitle: "Dieser Link wurde bereits verwendet",
    expiredTitle: "Dieser Link ist abgelaufen",
    toSignIn: "Zur Anmeldeseite",
    setup: {
      invalid:
        "Dieser Einrichtungslink ist ungültig. Prüfen Sie, ob Sie den ganzen Link aus Ihrer Einladung geöffnet haben, oder bitten Sie Ihre Administration um einen neuen.",
      used: "Dieser Einrichtungslink wurde bereits verwendet. Wenn Sie die Einrichtung abgeschlossen haben, melden Sie sich an; sonst bitten Sie Ihre Administration, den Einrichtungslink neu zu erzeugen.",
      expired:
        "Dieser Einrichtungslink ist abgelaufen. Bitten Sie Ihre Administration, ihn auf Ihrer Kontoseite neu zu erzeugen."
    },
    reset: {
      invalid:
        "Dieser Link zum Zurücksetzen des Passworts ist ungültig. Prüfen Sie, ob Sie den ganzen Link aus der E-Mail geöffnet haben, oder fordern Sie mit „Passwort vergessen?“ auf der Anmeldeseite einen neuen an.",
      used: "Dieser Link zum Zurücksetzen des Passworts wurde bereits verwendet. Fordern Sie einen neuen an, wenn Sie Ihr Passwort noch zurücksetzen müssen.",
      expired:
        "Dieser Link zum Zurücksetzen des Passworts ist abgelaufen. Fordern Sie mit „Passwort vergessen?“ auf der Anmeldeseite einen neuen an."
    },
    verify: {
      invalid: "Dieser Bestätigungslink ist ungültig. Senden Sie in Ihrem Profil einen neuen.",
      used: "Dieser Bestätigungslink wurde bereits verwendet.",
      expired: "Dieser Bestätigungslink ist abgelaufen. Senden Sie in Ihrem Profil einen neuen."
    }
  },
  problems: {
    generic: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    network: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    sessionEnded: "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.",
    forbidden: "Dazu sind Sie nicht berechtigt."
  },
  account: accountDe,
  portal: portalDe,
  organizations: organizationsDe,
  language: {
    label: "Sprache",
    en: "English",
    de: "Deutsch"
  },
  admin: adminDe,
  settings: settingsDe,
  audit: auditDe,
  webhooks: webhooksDe
}
