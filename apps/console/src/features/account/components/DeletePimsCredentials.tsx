import { Button, Group, Modal, Stack, Text } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { useDeleteMyCredentials } from "../api/externalCredentials.ts"

/**
 * "Delete PIMS Credentials" in PIMS Integration, with a confirmation in 000's words for deleting ("Are you
 * sure ...?", a red Delete, Cancel); on success a notification, on failure 000's "Failed to ... Please try again
 * later." toast.
 */
export function DeletePimsCredentials({ system }: { readonly system: string }) {
  const { t } = useTranslation()
  const [opened, dialog] = useDisclosure()
  const remove = useDeleteMyCredentials(system)
  return (
    <>
      <Button variant="default" color="red" onClick={dialog.open}>
        {t("account.pims.delete")}
      </Button>
      <Modal
        opened={opened}
        onClose={dialog.close}
        title={t("account.pims.deleteTitle")}
        centered
        closeButtonProps={{ "aria-label": t("app.closeNotification") }}
      >
        <Stack>
          <Text>{t("account.pims.deleteQuestion")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={dialog.close} data-autofocus>
              {t("account.pims.deleteCancel")}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={async () => {
                try {
                  await remove.mutateAsync()
                  dialog.close()
                  notify("teal", t("account.pims.deleted"))
                } catch {
                  notify("red", t("account.pims.deleteFailed"))
                }
              }}
            >
              {t("account.pims.deleteConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
