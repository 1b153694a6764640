import { Alert } from "@mantine/core"
import { useTranslation } from "react-i18next"

/** The account lock (issue 12): after 100 failed sign-ins, until an hour has passed or the password is reset. */
export interface SignInLock {
  readonly until: string
  readonly failures: number
}

/** Tells an admin that the user's sign-in is locked, until when, and how to end it now; nothing when it is not. */
export function SignInLockAlert({ lock }: { readonly lock: SignInLock | null | undefined }) {
  const { t, i18n } = useTranslation()
  if (lock === null || lock === undefined) return null
  const until = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(lock.until)
  )
  return (
    <Alert color="red" role="alert" title={t("admin.profile.lockTitle")}>
      {t("admin.profile.lock", { failures: lock.failures, until })}
    </Alert>
  )
}
