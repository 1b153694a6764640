import type { Catalogue } from "./en.ts"

/** The settings pages' words, English; the catalogue holds them under `settings`. */
export const settingsEn = {
  nav: {
    title: "Settings",
    passwordPolicy: "Password policy",
    shopify: "Shopify store",
    pims: "PIMS credentials",
    accountRecovery: "Account recovery"
  },
  save: "Save",
  saved: "The settings were saved.",
  unsaved: "You have unsaved changes.",
  loadFailed: "The settings could not be loaded.",
  passwordPolicy: {
    title: "Password policy",
    intro: "The rules every new password must meet. Passwords set before a change are not checked again.",
    preset: "Rules",
    presets: {
      product: "The product's rules",
      nist: "NIST SP 800-63B rules",
      custom: "Custom rules"
    },
    presetHelp: {
      product: "At least 8 characters with a lowercase letter, an uppercase letter and a number.",
      nist: "At least 15 characters, 8 for users with two-factor authentication; no composition rules.",
      custom: "Your own values below."
    },
    minLength: "Minimum length",
    minLengthWithMfa: "Minimum length with two-factor authentication",
    minLengthWithMfaHelp: "Leave empty to use the minimum length for everyone.",
    maxLength: "Maximum length",
    generatedLength: "Length of generated passwords",
    requireLowercase: "Require a lowercase letter",
    requireUppercase: "Require an uppercase letter",
    requireDigit: "Require a number (0-9)",
    requireSymbol: "Require a symbol or punctuation mark",
    preview: "Preview",
    previewHelp: "Type a password to see how these rules judge it before you save them.",
    previewPassword: "Sample password",
    previewWithMfa: "The user has two-factor authentication",
    always:
      "Always checked as well: common passwords and a user's own name, email address or the organization's name are refused."
  },
  shopify: {
    title: "Shopify store",
    intro: "Connect your Shopify store to manage your customers' online store (eShop) access.",
    status: "Connection",
    connected: "Connected",
    notConnected: "Not connected",
    shopDomain: "Shop domain",
    shopDomainHelp: "For example your-store.myshopify.com",
    accessToken: "Admin API access token",
    accessTokenSaved: "A token is saved and never shown. Leave empty to keep it.",
    accessTokenNeeded: "Required to connect a store.",
    apiVersion: "API version",
    webhookSecret: "Webhook signing secret",
    webhookSecretSaved: "A secret is saved and never shown. Leave empty to keep it.",
    webhookSecretNone: "Optional: Shopify's webhooks are refused until a secret is set.",
    removeWebhookSecret: "Remove the saved webhook secret",
    endpoint: "Admin API URL",
    endpointHelp: "Leave empty to use the store's own Admin API.",
    tagFormats: "Customer tags",
    tagFormatsHelp:
      "How the tags on a Shopify customer are written: {value} stands for the organization's value.",
    customerCode: "Customer code tag",
    customerName: "Customer name tag",
    priceCode: "Price code tag"
  },
  pims: {
    title: "PIMS credentials",
    verifyUrl: "Verify URL",
    verifyUrlHelp: "Where users' PIMS credentials are checked. The platform operator sets it.",
    verifyUrlNone: "Not set: credentials are saved without a check.",
    defaultTitle: "Default PIMS credentials",
    defaultIntro:
      "One shared PIMS account for every user of this tenant. While it is in use, users cannot change their own PIMS credentials.",
    inUse: "In use: {{username}}",
    notInUse: "Not in use",
    username: "PIMS Username",
    password: "PIMS Password",
    passwordKept: "The saved password is never shown: type it again to change the default credentials.",
    remove: "Stop using the default credentials",
    removed: "Users' own PIMS credentials apply again."
  },
  accountRecovery: {
    title: "Account recovery",
    passwordReset: "Users may reset a forgotten password by email",
    onHelp: '"Forgot password?" on the sign-in page sends a link that works for 30 minutes.',
    offHelp:
      "Off: reset requests are answered as usual but send nothing, and links already sent stop working."
  },
  notAllowed: "Only administrators who manage settings can open this page."
}

/** The settings pages' words, German (complete). */
export const settingsDe: Catalogue<typeof settingsEn> = {
  nav: {
    title: "Einstellungen",
    passwordPolicy: "Passwortrichtlinie",
    shopify: "Shopify-Shop",
    pims: "PIMS-Zugangsdaten",
    accountRecovery: "Kontowiederherstellung"
  },
  save: "Speichern",
  saved: "Die Einstellungen wurden gespeichert.",
  unsaved: "Sie haben ungespeicherte Änderungen.",
  loadFailed: "Die Einstellungen konnten nicht geladen werden.",
  passwordPolicy: {
    title: "Passwortrichtlinie",
    intro:
      "Die Regeln, die jedes neue Passwort erfüllen muss. Passwörter, die vor einer Änderung gesetzt wurden, werden nicht erneut geprüft.",
    preset: "Regeln",
    presets: {
      product: "Die Regeln des Produkts",
      nist: "Regeln nach NIST SP 800-63B",
      custom: "Eigene Regeln"
    },
    presetHelp: {
      product: "Mindestens 8 Zeichen mit einem Klein-, einem Großbuchstaben und einer Ziffer.",
      nist: "Mindestens 15 Zeichen, 8 für Benutzer mit Zwei-Faktor-Authentifizierung; keine Zeichenklassen-Regeln.",
      custom: "Ihre eigenen Werte unten."
    },
    minLength: "Mindestlänge",
    minLengthWithMfa: "Mindestlänge mit Zwei-Faktor-Authentifizierung",
    minLengthWithMfaHelp: "Leer lassen, um für alle die Mindestlänge zu verwenden.",
    maxLength: "Höchstlänge",
    generatedLength: "Länge erzeugter Passwörter",
    requireLowercase: "Kleinbuchstaben verlangen",
    requireUppercase: "Großbuchstaben verlangen",
    requireDigit: "Ziffer (0-9) verlangen",
    requireSymbol: "Sonder- oder Satzzeichen verlangen",
    preview: "Vorschau",
    previewHelp: "Geben Sie ein Passwort ein, um vor dem Speichern zu sehen, wie diese Regeln es beurteilen.",
    previewPassword: "Beispielpasswort",
    previewWithMfa: "Der Benutzer hat Zwei-Faktor-Authentifizierung",
    always:
      "Außerdem immer geprüft: häufige Passwörter sowie der eigene Name, die E-Mail-Adresse oder der Name der Organisation werden abgelehnt."
  },
  shopify: {
    title: "Shopify-Shop",
    intro:
      "Verbinden Sie Ihren Shopify-Shop, um den Zugang Ihrer Kunden zum Online-Shop (eShop) zu verwalten.",
    status: "Verbindung",
    connected: "Verbunden",
    notConnected: "Nicht verbunden",
    shopDomain: "Shop-Domain",
    shopDomainHelp: "Zum Beispiel ihr-shop.myshopify.com",
    accessToken: "Admin-API-Zugriffstoken",
    accessTokenSaved: "Ein Token ist gespeichert und wird nie angezeigt. Leer lassen, um es zu behalten.",
    accessTokenNeeded: "Erforderlich, um einen Shop zu verbinden.",
    apiVersion: "API-Version",
    webhookSecret: "Webhook-Signaturgeheimnis",
    webhookSecretSaved:
      "Ein Geheimnis ist gespeichert und wird nie angezeigt. Leer lassen, um es zu behalten.",
    webhookSecretNone: "Optional: Webhooks von Shopify werden abgelehnt, bis ein Geheimnis gesetzt ist.",
    removeWebhookSecret: "Gespeichertes Webhook-Geheimnis entfernen",
    endpoint: "Admin-API-URL",
    endpointHelp: "Leer lassen, um die eigene Admin-API des Shops zu verwenden.",
    tagFormats: "Kunden-Tags",
    tagFormatsHelp:
      "Wie die Tags eines Shopify-Kunden geschrieben werden: {value} steht für den Wert der Organisation.",
    customerCode: "Tag für den Kundencode",
    customerName: "Tag für den Kundennamen",
    priceCode: "Tag für den Preiscode"
  },
  pims: {
    title: "PIMS-Zugangsdaten",
    verifyUrl: "Prüf-URL",
    verifyUrlHelp:
      "Wo die PIMS-Zugangsdaten der Benutzer geprüft werden. Der Plattformbetreiber legt sie fest.",
    verifyUrlNone: "Nicht gesetzt: Zugangsdaten werden ohne Prüfung gespeichert.",
    defaultTitle: "Standard-PIMS-Zugangsdaten",
    defaultIntro:
      "Ein gemeinsames PIMS-Konto für alle Benutzer dieses Mandanten. Solange es verwendet wird, können Benutzer ihre eigenen PIMS-Zugangsdaten nicht ändern.",
    inUse: "Verwendet: {{username}}",
    notInUse: "Nicht verwendet",
    username: "PIMS-Benutzername",
    password: "PIMS-Passwort",
    passwordKept:
      "Das gespeicherte Passwort wird nie angezeigt: Geben Sie es erneut ein, um die Standard-Zugangsdaten zu ändern.",
    remove: "Standard-Zugangsdaten nicht mehr verwenden",
    removed: "Es gelten wieder die eigenen PIMS-Zugangsdaten der Benutzer."
  },
  accountRecovery: {
    title: "Kontowiederherstellung",
    passwordReset: "Benutzer dürfen ein vergessenes Passwort per E-Mail zurücksetzen",
    onHelp: "„Passwort vergessen?“ auf der Anmeldeseite sendet einen Link, der 30 Minuten gültig ist.",
    offHelp:
      "Aus: Anfragen werden wie gewohnt beantwortet, aber es wird nichts gesendet, und bereits gesendete Links funktionieren nicht mehr."
  },
  notAllowed: "Nur Administratoren, die Einstellungen verwalten, können diese Seite öffnen."
}
