import { Button, CopyButton, Group, Modal, Stack, TextInput } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { can, useMe } from "../../../lib/session.ts"
import {
  type StatusAction,
  type UserDetails,
  useClearTotp,
  useEndSessions,
  useRegenerateSetupLink,
  useStatusAction
} from "../api/users.ts"
import type { Preset } from "../presetColumns.ts"
import { ResetPasswordModal } from "./ResetPasswordModal.tsx"

/** Which status changes a product offers: 002 inactivates, 003 deactivates (soft delete), 004 disables. */
const STATUS_ACTIONS: Readonly<Record<Preset, ReadonlyArray<StatusAction>>> = {
  weevio: [],
  wetrack: ["disable", "enable"],
  weavestream: ["deactivate", "restore"],
  puqcloud: ["disable", "enable"]
}

const applies = (action: StatusAction, status: UserDetails["status"]): boolean =>
  action === "disable"
    ? status === "active" || status === "pending"
    : action === "enable"
      ? status === "disabled"
      : action === "deactivate"
        ? status !== "deactivated"
        : status === "deactivated"

/** The admin's actions on another user: password reset, status, TOTP, sessions, setup link, delete. */
export function AdminActions({
  user,
  preset,
  onDelete
}: {
  readonly user: UserDetails
  readonly preset: Preset
  readonly onDelete: () => void
}) {
  const { t } = useTranslation()
  const me = useMe()
  const [resetting, reset] = useDisclosure()
  const status = useStatusAction()
  const clearTotp = useClearTotp()
  const endSessions = useEndSessions()
  const setupLink = useRegenerateSetupLink()
  const [link, setLink] = useState<string | null>(null)
  const self = user.id === me.id
  if (!can(me, "users:write") || self) return null

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      notify("teal", done)
    } catch (error) {
      notifyProblem(error, t)
    }
  }

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button variant="default" onClick={reset.open}>
          {t("admin.actions.changePassword")}
        </Button>
        {STATUS_ACTIONS[preset]
          .filter((action) => applies(action, user.status))
          .map((action) => (
            <Button
              key={action}
              variant="default"
              loading={status.isPending}
              onClick={() =>
                void run(() => status.mutateAsync({ id: user.id, action }), t(`admin.actions.${action}Done`))
              }
            >
              {t(`admin.actions.${action}`)}
            </Button>
          ))}
        {user.totpEnabled ? (
          <Button
            variant="default"
            onClick={() => void run(() => clearTotp.mutateAsync(user.id), t("admin.actions.clearTotpDone"))}
          >
            {t("admin.actions.clearTotp")}
          </Button>
        ) : null}
        <Button
          variant="default"
          onClick={() => void run(() => endSessions.mutateAsync(user.id), t("admin.actions.endSessionsDone"))}
        >
          {t("admin.actions.endSessions")}
        </Button>
        {user.status === "pending" ? (
          <Button
            variant="default"
            onClick={() =>
              void run(
                async () => setLink((await setupLink.mutateAsync(user.id)).setupUrl),
                t("admin.actions.setupLinkDone")
              )
            }
          >
            {t("admin.actions.regenerateSetupLink")}
          </Button>
        ) : null}
        {can(me, "users:delete") ? (
          <Button color="red.9" onClick={onDelete}>
            {t("admin.actions.delete")}
          </Button>
        ) : null}
      </Group>
      {link === null ? null : <SetupUrl url={link} />}
      <Modal
        closeButtonProps={{ "aria-label": t("admin.close") }}
        opened={resetting}
        onClose={reset.close}
        title={t("admin.actions.changePassword")}
        centered
      >
        <ResetPasswordModal user={user} onDone={reset.close} />
      </Modal>
    </Stack>
  )
}

/** 003's setup URL, read only with a copy button (shown once: the API never answers it again). */
export function SetupUrl({ url }: { readonly url: string }) {
  const { t } = useTranslation()
  return (
    <Group align="end" wrap="nowrap">
      <TextInput style={{ flex: 1 }} label={t("admin.setup.url")} value={url} readOnly />
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button variant="light" onClick={copy}>
            {copied ? t("admin.add.copied") : t("admin.setup.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  )
}
