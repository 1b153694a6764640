import { Button, CopyButton, Group, List, Modal, Stack, Text, TextInput } from "@mantine/core"
import { useTranslation } from "react-i18next"

/** 001 step 2, "Confirm the Invitation": what the invite enables, then Send Invite. */
export function InviteDialog({
  email,
  opened,
  sending,
  onSend,
  onClose,
  onClosed
}: {
  readonly email: string
  readonly opened: boolean
  readonly sending: boolean
  readonly onSend: () => void
  readonly onClose: () => void
  /** After the dialog is gone and the focus went back: a dialog that follows opens then, keeping the focus. */
  readonly onClosed: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={t("portal.eshop.inviteTitle")}
      closeButtonProps={{ "aria-label": t("portal.close") }}
    >
      <Stack>
        <Text>{t("portal.eshop.inviteIntro", { email })}</Text>
        <List>
          <List.Item>{t("portal.eshop.inviteOrders")}</List.Item>
          <List.Item>{t("portal.eshop.invitePricing")}</List.Item>
        </List>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("portal.cancel")}
          </Button>
          <Button onClick={onSend} loading={sending} data-autofocus>
            {t("portal.eshop.sendInvite")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** 001 "Tag Conflicts": the E-commerce Warning dialog with the document's sentence. */
export function EcommerceWarning({
  opened,
  onClose
}: {
  readonly opened: boolean
  readonly onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("portal.eshop.warningTitle")}
      closeButtonProps={{ "aria-label": t("portal.close") }}
    >
      <Stack>
        <Text fw={600}>{t("portal.eshop.tagConflict")}</Text>
        <Text>{t("portal.eshop.tagConflictHelp")}</Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t("portal.eshop.ok")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** When the browser refused the clipboard: the activation URL shown read only, with a Copy button. */
export function InviteUrlDialog({
  url,
  onClose
}: {
  readonly url: string | null
  readonly onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={url !== null}
      onClose={onClose}
      title={t("portal.eshop.urlTitle")}
      closeButtonProps={{ "aria-label": t("portal.close") }}
    >
      <Stack>
        <Text>{t("portal.eshop.urlNotCopied")}</Text>
        <TextInput label={t("portal.eshop.urlLabel")} value={url ?? ""} readOnly />
        <Group justify="flex-end">
          <CopyButton value={url ?? ""}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t("portal.eshop.copied") : t("portal.eshop.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t("portal.eshop.ok")}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
