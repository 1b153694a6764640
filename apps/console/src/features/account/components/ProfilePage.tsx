import { Button, Card, Modal, Stack, Text, TextInput, Title } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useNavigate } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { useMe } from "../../../lib/session.ts"
import { ChangePasswordForm } from "./ChangePasswordForm.tsx"

/** One's own profile: for now Account & Security with the Change Password modal. */
export function ProfilePage() {
  const { t } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const [opened, { open, close }] = useDisclosure()
  return (
    <Stack maw={640}>
      <Title order={1}>{t("nav.profile")}</Title>
      <Card withBorder>
        <Stack>
          <TextInput label={t("signIn.email")} value={me.email} readOnly />
          <div>
            <Button onClick={open}>{t("changePassword.title")}</Button>
          </div>
        </Stack>
      </Card>
      <Modal opened={opened} onClose={close} title={t("changePassword.title")} centered>
        <Text size="sm" mb="sm" c="dark.4">
          {t("changePassword.newPassword")}
        </Text>
        <ChangePasswordForm
          me={me}
          onChanged={() => {
            notify("teal", t("signIn.passwordChanged"))
            void navigate({ to: "/sign-in" })
          }}
          secondary={
            <Button variant="default" onClick={close}>
              {t("changePassword.cancel")}
            </Button>
          }
        />
      </Modal>
    </Stack>
  )
}
