import { Button, Group, Modal, Text } from "@mantine/core"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { type UserRow, useDeleteUser } from "../api/users.ts"
import { fullName } from "../presetColumns.ts"

/** 000's Delete User dialog: "Are you sure you want to delete {name}?", Delete (red) or Cancel. */
export function DeleteUserDialog({
  user,
  onClose,
  onDeleted
}: {
  readonly user: Pick<UserRow, "id" | "firstName" | "lastName"> | null
  readonly onClose: () => void
  readonly onDeleted?: () => void
}) {
  const { t } = useTranslation()
  const remove = useDeleteUser()
  const name = user === null ? "" : fullName(user)
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("admin.close") }}
      opened={user !== null}
      onClose={onClose}
      title={t("admin.delete.title")}
      centered
    >
      <Text>{t("admin.delete.question", { name })}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          {t("admin.delete.cancel")}
        </Button>
        <Button
          color="red.9"
          loading={remove.isPending}
          onClick={async () => {
            if (user === null) return
            try {
              await remove.mutateAsync(user.id)
              notify("teal", t("admin.delete.done", { name }))
              onClose()
              onDeleted?.()
            } catch {
              notify("red", t("admin.delete.failed", { name }))
            }
          }}
        >
          {t("admin.delete.confirm")}
        </Button>
      </Group>
    </Modal>
  )
}
