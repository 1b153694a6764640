import { Badge } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { daysUntil } from "../api/memberships.ts"

/**
 * A membership's expiry as 003 words it: "expires in N days" (whole days, rounded up), "Expired", or "No
 * expiry"; teal while the membership grants its role, grey when it does not.
 */
export function ExpiryBadge({
  expiresAt,
  inEffect
}: {
  readonly expiresAt: string | null
  readonly inEffect: boolean
}) {
  const { t } = useTranslation()
  const text =
    expiresAt === null
      ? t("admin.memberships.noExpiry")
      : Date.parse(expiresAt) <= Date.now()
        ? t("admin.memberships.expired")
        : t("admin.memberships.expiresIn", { count: daysUntil(expiresAt) })
  return <Badge color={inEffect ? "teal.9" : "gray.7"}>{text}</Badge>
}
