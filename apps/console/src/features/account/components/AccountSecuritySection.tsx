import { Badge, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useTranslation } from "react-i18next"
import type { Me } from "../../../lib/session.ts"
import { ChangePasswordForm } from "./ChangePasswordForm.tsx"

interface Props {
  readonly me: Me
  /** After the change every session has ended, this one too. */
  readonly onPasswordChanged: () => void
}

/** Account & Security: the email, read only (rule 6), whether it is verified, and the Change Password modal. */
export function AccountSecuritySection({ me, onPasswordChanged }: Props) {
  const { t } = useTranslation()
  const [opened, { open, close }] = useDisclosure()
  return (
    <Stack>
      <TextInput
        label={t("account.email")}
        description={t("account.emailReadOnly")}
        value={me.email}
        readOnly
        rightSectionWidth={110}
        rightSection={
          <Badge color={me.emailVerified ? "teal.9" : "gray.7"}>
            {me.emailVerified ? t("account.emailVerified") : t("account.emailNotVerified")}
          </Badge>
        }
      />
      <Group>
        <Button variant="default" onClick={open}>
          {t("changePassword.title")}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={close}
        title={t("changePassword.title")}
        centered
        closeButtonProps={{ "aria-label": t("app.closeNotification") }}
      >
        <Text size="sm" mb="sm">
          {t("account.changePasswordIntro")}
        </Text>
        <ChangePasswordForm
          me={me}
          onChanged={onPasswordChanged}
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
