import { Stack, Title } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { RequirePermission } from "../../../components/RequirePermission.tsx"
import { AddMembership } from "./AddMembership.tsx"
import { MembershipsGrid } from "./MembershipsGrid.tsx"

/**
 * `/memberships`: 003's Admin -> Memberships for tenant admins: every organization's memberships with their
 * contractor expiry ("expires in N days"), and adding one. Needs members:read tenant-wide, as the API does.
 */
export function MembershipsPage() {
  const { t } = useTranslation()
  return (
    <RequirePermission permission="members:read">
      <Stack>
        <Title order={1}>{t("admin.memberships.title")}</Title>
        <MembershipsGrid />
        <AddMembership />
      </Stack>
    </RequirePermission>
  )
}
