import { Button, Modal, Text } from "@mantine/core"
import { useTranslation } from "react-i18next"
import type { Me } from "../../../lib/session.ts"
import { ChangePasswordForm } from "./ChangePasswordForm.tsx"

interface Props {
  readonly me: Me
  readonly onChanged: () => void
  readonly onLogout: () => void
  readonly loggingOut: boolean
}

/**
 * The first-login Change Password modal (document 000): opens by itself for a `password_change` session,
 * welcomes the person to their tenant, and closes only by Save or Logout (no close button, Escape or
 * outside click).
 */
export function FirstLoginPasswordModal({ me, onChanged, onLogout, loggingOut }: Props) {
  const { t } = useTranslation()
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      title={t("changePassword.title")}
      styles={{ title: { fontWeight: 700, fontSize: "var(--mantine-font-size-lg)" } }}
    >
      <Text mb="md">{t("changePassword.welcome", { tenantName: me.tenant.name })}</Text>
      <ChangePasswordForm
        me={me}
        onChanged={onChanged}
        secondary={
          <Button variant="default" onClick={onLogout} loading={loggingOut}>
            {t("changePassword.logout")}
          </Button>
        }
      />
    </Modal>
  )
}
