import { Title } from "@mantine/core"
import { useTranslation } from "react-i18next"

/** The tenant's users (the admin pages build the grid here). */
export function UsersPage() {
  const { t } = useTranslation()
  return <Title order={1}>{t("users.title")}</Title>
}
