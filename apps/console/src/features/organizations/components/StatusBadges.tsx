import { Badge, Group } from "@mantine/core"
import { useTranslation } from "react-i18next"
import type { Organization } from "../api/organizations.ts"

/** An organization's status and kind as badges (inactive in grey). */
export function StatusBadges({
  organization
}: {
  readonly organization: Pick<Organization, "status" | "kind">
}) {
  const { t } = useTranslation()
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={organization.status === "active" ? "teal.9" : "gray.7"}>
        {t(`organizations.statuses.${organization.status}`)}
      </Badge>
      <Badge variant="outline" color="dark.4">
        {t(`organizations.kinds.${organization.kind}`)}
      </Badge>
    </Group>
  )
}
