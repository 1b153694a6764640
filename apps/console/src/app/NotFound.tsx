import { Anchor, Center, Stack, Text } from "@mantine/core"
import { Link } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"

export function NotFound() {
  const { t } = useTranslation()
  return (
    <Center mih="60vh" component="main">
      <Stack align="center">
        <Text>{t("app.notFound")}</Text>
        <Anchor component={Link} to="/">
          {t("app.backHome")}
        </Anchor>
      </Stack>
    </Center>
  )
}
