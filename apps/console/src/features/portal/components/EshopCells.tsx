import { isProblem } from "@gatehouse/client"
import { ActionIcon, Badge, Button, Group, Loader, Menu, Text } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { IconDots } from "@tabler/icons-react"
import { useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem, problemMessage } from "../../../lib/problems.ts"
import { useEshopActions, useEshopStatus } from "../api/eshop.ts"
import { eshopBadge, eshopOffer } from "../eshop.ts"
import { EcommerceWarning, InviteDialog, InviteUrlDialog } from "./EshopDialogs.tsx"

interface CellProps {
  readonly orgId: string
  readonly userId: string
  readonly email: string
}

/** 001's eShop Status column: No Account, Invited, Active or Inactive, read live from the store. */
export function EshopStatusCell({ orgId, userId, email }: CellProps) {
  const { t } = useTranslation()
  const status = useEshopStatus(orgId, userId)
  if (status.error !== null)
    return (
      <Text size="sm" c="red.9">
        {t("portal.eshop.unreadable", { message: problemMessage(status.error, t) })}
      </Text>
    )
  if (status.data === undefined) return <Loader size="xs" aria-label={t("portal.eshop.loading", { email })} />
  const badge = eshopBadge(status.data.status)
  return <Badge color={badge.color}>{t(badge.label)}</Badge>
}

/** The activation URL to the clipboard; false when the browser refuses (no permission, no user activation). */
const toClipboard = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/**
 * 001's eShop Access column: Invite (after the confirmation dialog; the activation URL goes to the clipboard),
 * Resend while Invited, Revoke, and Copy Account Invite URL in the options menu next to Resend. A tag conflict
 * opens the E-commerce Warning dialog; every other failure is a notification with the problem's message.
 */
export function EshopAccessCell({ orgId, userId, email }: CellProps) {
  const { t } = useTranslation()
  const status = useEshopStatus(orgId, userId)
  const actions = useEshopActions(orgId, userId)
  const [confirming, confirm] = useDisclosure()
  const [conflict, warning] = useDisclosure()
  const [uncopied, setUncopied] = useState<string | null>(null)
  // the E-commerce Warning opens once the Invite User dialog has closed (so the focus lands in the warning)
  const conflictPending = useRef(false)
  if (status.data === undefined) return null
  const offer = eshopOffer(status.data.status)
  const busy = Object.values(actions).some((action) => action.isPending)

  /** Copies `url` and says so after `done`; shows the URL to copy by hand when the browser refuses. */
  const handOver = async (url: string, done: string | undefined) => {
    if (await toClipboard(url)) notify("teal", [done, t("portal.eshop.urlCopied")].filter(Boolean).join(" "))
    else {
      if (done !== undefined) notify("teal", done)
      setUncopied(url)
    }
  }

  const sendInvite = () =>
    actions.invite.mutate(undefined, {
      onSuccess: async (invitation) => {
        confirm.close()
        const done = invitation.emailSent
          ? t("portal.eshop.invited", { email })
          : t("portal.eshop.invitedNoEmail", { email })
        if (invitation.activationUrl === null) notify("teal", t("portal.eshop.alreadyActive", { email }))
        else await handOver(invitation.activationUrl, done)
      },
      onError: (error) => {
        confirm.close()
        if (isProblem(error, "ESHOP_TAG_CONFLICT")) conflictPending.current = true
        else notifyProblem(error, t)
      }
    })
  const resend = () =>
    actions.resend.mutate(undefined, {
      onSuccess: () => notify("teal", t("portal.eshop.resent", { email })),
      onError: (error) => notifyProblem(error, t)
    })
  const revoke = () =>
    actions.revoke.mutate(undefined, {
      onSuccess: () => notify("teal", t("portal.eshop.revoked", { email })),
      onError: (error) => notifyProblem(error, t)
    })
  const copyUrl = () =>
    actions.activationUrl.mutate(undefined, {
      onSuccess: (link) => handOver(link.activationUrl, undefined),
      onError: (error) => notifyProblem(error, t)
    })

  return (
    <Group gap="xs" wrap="nowrap">
      {offer.invite && (
        <Button size="xs" onClick={confirm.open} disabled={busy}>
          {t("portal.eshop.invite")}
        </Button>
      )}
      {offer.resend && (
        <Button size="xs" onClick={resend} loading={actions.resend.isPending} disabled={busy}>
          {t("portal.eshop.resend")}
        </Button>
      )}
      {offer.copyUrl && (
        <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray.8"
              aria-label={t("portal.eshop.options", { email })}
              loading={actions.activationUrl.isPending}
              disabled={busy}
            >
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={copyUrl}>{t("portal.eshop.copyUrl")}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {offer.revoke && (
        <Button
          size="xs"
          variant="default"
          onClick={revoke}
          loading={actions.revoke.isPending}
          disabled={busy}
        >
          {t("portal.eshop.revoke")}
        </Button>
      )}
      <InviteDialog
        email={email}
        opened={confirming}
        sending={actions.invite.isPending}
        onSend={sendInvite}
        onClose={confirm.close}
        onClosed={() => {
          if (conflictPending.current) warning.open()
          conflictPending.current = false
        }}
      />
      <EcommerceWarning opened={conflict} onClose={warning.close} />
      <InviteUrlDialog url={uncopied} onClose={() => setUncopied(null)} />
    </Group>
  )
}
