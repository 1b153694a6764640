import { accountEn } from "./account.en.ts"
import { adminEn } from "./admin.en.ts"
import { auditEn } from "./audit.ts"
import { organizationsEn } from "./organizations.ts"
import { portalEn } from "./portal.ts"
import { settingsEn } from "./settings.ts"
import { webhooksEn } from "./webhooks.ts"

/**
 * The English base catalogue: every word the console shows. A preset's overlay (`presets/*.ts`) replaces
 * the words its product document uses; German (`de.ts`) has every key of this file (a test checks it).
 */
export const en = {
  app: {
    name: "Gatehouse",
    skipToContent: "Skip to content",
    loading: "Loading…",
    navigation: "Navigation",
    toggleNavigation: "Toggle navigation",
    userMenu: "Account menu",
    notFound: "This page does not exist.",
    backHome: "Back to the start page",
    closeNotification: "Close"
  },
  nav: {
    home: "Home",
    profile: "My profile",
    admin: "Administration",
    users: "Users",
    portal: "Customer Portal",
    signOut: "Sign out"
  },
  home: {
    title: "Welcome, {{name}}",
    intro: "You are signed in to {{tenantName}}."
  },
  users: {
    title: "Users",
    add: "Add user",
    create: "Create user",
    totalUsers: "Total Users: {{count}}"
  },
  signIn: {
    title: "Sign in",
    intro: "Sign in to your organization's account.",
    tenant: "Tenant",
    tenantDescription: "Your organization's sign-in name, as in your invitation.",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    invalidCredentials: "The tenant, email or password is not correct, or the account cannot sign in.",
    tooManyAttempts_one: "Too many attempts. Try again in {{count}} second.",
    tooManyAttempts_other: "Too many attempts. Try again in {{count}} seconds.",
    tooManyAttemptsOver: "You can try again now.",
    mfaTitle: "Two-factor authentication",
    mfaIntro: "Enter the 6-digit code from your authenticator app.",
    totpCode: "Authentication code",
    recoveryIntro: "Enter one of the recovery codes you saved when you set up two-factor authentication.",
    recoveryCode: "Recovery code",
    useRecoveryCode: "Use a recovery code instead",
    useTotpCode: "Use the authenticator app instead",
    verify: "Verify",
    invalidCode: "The code is not correct. Try again with the current code.",
    back: "Back",
    forgotPassword: "Forgot password?",
    signedOut: "You are signed out.",
    passwordChanged: "Your password was changed. Sign in with your new password.",
    totpEnrolled: "Two-factor authentication is on. Sign in with your password and a code from the app."
  },
  password: {
    show: "Show password",
    hide: "Hide password",
    rulesTitle: "Password rules",
    ruleMet: "met",
    ruleNotMet: "not met yet",
    rules: {
      minLength: "At least {{count}} characters",
      maxLength: "At most {{count}} characters",
      requireLowercase: "At least one lowercase letter",
      requireUppercase: "At least one uppercase letter",
      requireDigit: "At least one number (0-9)",
      requireSymbol: "At least one symbol or punctuation mark",
      notCommon: "Not a commonly used password",
      noContextWords: "Does not contain your name, your email address or the organization's name"
    },
    policyFailed: "The password does not meet the password rules: {{rules}}",
    mismatch: "The passwords do not match."
  },
  changePassword: {
    title: "Change Password",
    welcome: "Welcome to {{tenantName}}! To ensure your account is secure, please set a new password.",
    currentPassword: "Current password",
    newPassword: "New password",
    confirmPassword: "Confirm new password",
    save: "Save",
    cancel: "Cancel",
    logout: "Logout",
    success: "Your password was changed.",
    wrongCurrent: "The current password is not correct."
  },
  setup: {
    title: "Complete your account setup",
    intro: "Set up the account {{email}} at {{tenantName}}.",
    email: "Email",
    displayName: "Display name",
    password: "Password",
    confirmPassword: "Confirm password",
    submit: "Complete setup",
    done: "Your account is ready. You can sign in now.",
    toSignIn: "Sign in"
  },
  totp: {
    title: "Set up two-factor authentication",
    intro: "Your account needs a second factor: an authenticator app on your phone.",
    scan: "Scan the TOTP QR code with your authenticator app.",
    qrAlt: "QR code for your authenticator app",
    keyIntro: "Cannot scan it? Enter this key in the app instead:",
    key: "Setup key",
    confirmCode: "Code from the app",
    confirmCodeDescription: "Enter a code to confirm enrollment.",
    confirm: "Confirm",
    invalidCode: "The code is not correct. Enter the current code from the app.",
    recoveryTitle: "Recovery codes",
    recoveryOnce: "These codes are shown only once. Save them somewhere safe now.",
    recoveryIntro: "Each code signs you in once if you lose your authenticator app.",
    recoverySaved: "I have saved my recovery codes",
    continue: "Continue to sign in"
  },
  recovery: {
    forgotTitle: "Forgot password?",
    forgotIntro:
      "Enter your organization's sign-in name and your email: we send you a link to set a new password.",
    send: "Send the link",
    sent: "If an account matches, an email with a link is on its way. The link works for 30 minutes.",
    resetTitle: "Set a new password",
    resetIntro: "Set a new password for {{email}} at {{tenantName}}.",
    resetDone: "Your password was changed and every session has ended. Sign in with the new password.",
    verifyTitle: "Verify your email",
    verified: "Your email address is verified."
  },
  links: {
    invalidTitle: "This link does not work",
    usedTitle: "This link was already used",
    expiredTitle: "This link has expired",
    toSignIn: "Go to the sign-in page",
    setup: {
      invalid:
        "This setup link is not valid. Check that you opened the whole link from your invitation, or ask your administrator for a new one.",
      used: "This setup link has already been used. If you completed your setup, sign in; otherwise ask your administrator to regenerate your setup link.",
      expired: "This setup link has expired. Ask your administrator to regenerate it from your account page."
    },
    reset: {
      invalid:
        "This password reset link is not valid. Check that you opened the whole link from the email, or request a new one with Forgot password? on the sign-in page.",
      used: "This password reset link has already been used. Request a new one if you still need to reset your password.",
      expired:
        "This password reset link has expired. Request a new one with Forgot password? on the sign-in page."
    },
    verify: {
      invalid: "This verification link is not valid. Send a new one from your profile.",
      used: "This verification link has already been used.",
      expired: "This verification link has expired. Send a new one from your profile."
    }
  },
  problems: {
    generic: "Something went wrong. Please try again.",
    network: "The server cannot be reached. Check your connection and try again.",
    sessionEnded: "Your session has ended. Please sign in again.",
    forbidden: "You are not allowed to do this."
  },
  account: accountEn,
  portal: portalEn,
  organizations: organizationsEn,
  language: {
    label: "Language",
    en: "English",
    de: "Deutsch"
  },
  admin: adminEn,
  settings: settingsEn,
  audit: auditEn,
  webhooks: webhooksEn
}

/** The shape every catalogue has: the base's keys, any words. */
export type Catalogue<T = typeof en> = {
  readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]>
}

/** A preset's or a language's replacements: any subset of the base's keys. */
export type Overlay<T = typeof en> = {
  readonly [K in keyof T]?: T[K] extends string ? string : Overlay<T[K]>
}
