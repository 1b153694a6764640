import { Stack, Text, Title } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { useMe } from "../../../lib/session.ts"

/** The start page after sign-in (the admins' overview comes with the admin pages). */
export function HomePage() {
  const { t } = useTranslation()
  const me = useMe()
  return (
    <Stack>
      <Title order={1}>{t("home.title", { name: me.displayName ?? `${me.firstName} ${me.lastName}` })}</Title>
      <Text>{t("home.intro", { tenantName: me.tenant.name })}</Text>
    </Stack>
  )
}
