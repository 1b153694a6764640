/** The own-profile page's words (English base); `account.de.ts` has every key, the presets overlay some. */
export const accountEn = {
  title: "My profile",
  personal: "Personal Information",
  security: "Account & Security",
  firstName: "First name",
  lastName: "Last name",
  displayName: "Display name",
  phone: "Phone",
  language: "Language",
  languageDefault: "As the browser",
  required: "This field is required",
  save: "Save profile",
  saved: "Your profile was saved.",
  conflictTitle: "Changed somewhere else",
  conflict:
    "Your profile was changed somewhere else (another tab, or an administrator) while you were editing. Reload to see the changes, then edit again.",
  reload: "Reload",
  email: "Email",
  emailReadOnly: "Your email address cannot be changed. Ask an administrator if you need a different one.",
  emailVerified: "Verified",
  emailNotVerified: "Not verified",
  verify: {
    title: "Verify your email",
    text: "Your email address is not verified yet. We send you a link to confirm it is yours.",
    send: "Send the verification email",
    sent: "A verification email is on its way to {{email}}. The link works for 24 hours."
  },
  changePasswordIntro: "Every session ends when your password changes: you sign in again with the new one.",
  twoFactor: {
    title: "Two-factor authentication",
    on: "Two-factor authentication is on.",
    off: "Two-factor authentication is off.",
    required: "Your account requires two-factor authentication, so it cannot be turned off here.",
    enrol: "Set up two-factor authentication",
    enrolIntro:
      "Once you confirm the code, every session ends and you sign in again with your password and a code from the app.",
    turnOff: "Turn off two-factor authentication",
    turnOffIntro:
      "Enter a code from your authenticator app or one of your recovery codes. Every session ends: you sign in again.",
    code: "Code from the app or a recovery code",
    confirmTurnOff: "Turn off",
    cancel: "Cancel",
    turnedOff: "Two-factor authentication is off. Sign in again.",
    invalidCode: "The code is not correct, or was already used."
  },
  sessions: {
    title: "Where you are signed in",
    intro: "Each sign-in on a browser or device is a session. Sign out the ones you do not recognise.",
    started: "Signed in",
    lastSeen: "Last active",
    expires: "Ends",
    current: "This browser",
    revoke: "Sign out",
    revokeSession: "Sign out the session signed in at {{when}}",
    revoked: "That session has ended.",
    revokedCurrent: "You signed out this browser.",
    count_one: "{{count}} session",
    count_other: "{{count}} sessions"
  },
  pims: {
    title: "PIMS Integration",
    status: "Status",
    connected: "Connected",
    saved: "Credentials Saved to Profile",
    none: "Not connected",
    username: "PIMS Username",
    password: "PIMS Password",
    saveValidate: "Save & Validate PIMS Connection",
    success: "User profile and PIMS credentials saved successfully",
    invalid: "PIMS refused this username and password; nothing was saved. Correct them and try again.",
    unavailable: "PIMS could not be reached to validate the credentials; nothing was saved. Try again later.",
    notConfigured:
      "PIMS validation is not set up for your organization yet; nothing was saved. Ask your administrator.",
    locked:
      "You are logged in using the default PIMS credentials for this tenant. You are not able to change your PIMS credentials.",
    requiredOrders: "To access Orders and SROs, sign in to PIMS.",
    requiredDashboard: "To access the home dashboard, sign in to PIMS."
  }
}
