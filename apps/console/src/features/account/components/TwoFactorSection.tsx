import { Badge, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useTranslation } from "react-i18next"
import type { Me } from "../../../lib/session.ts"
import { useDisableTotp } from "../api/totp.ts"
import { useCodeForm } from "../hooks/useCodeForm.ts"
import { ConfirmTotpEnrolment } from "./ConfirmTotpEnrolment.tsx"
import { NewRecoveryCodes } from "./NewRecoveryCodes.tsx"

interface Props {
  readonly me: Me
  /** Enrolling or turning TOTP off ends every session: back to sign-in with this message. */
  readonly onSessionsEnded: (message: string) => void
}

/**
 * Two-factor authentication on one's own profile: enrol (QR code, key as text, a code to confirm, the recovery
 * codes once), or turn it off with a code, unless the account requires it. Both end every session. With it on,
 * new recovery codes (the old ones stop working; sessions stay).
 */
export function TwoFactorSection({ me, onSessionsEnded }: Props) {
  const { t } = useTranslation()
  const [enrolling, enrol] = useDisclosure()
  const [disabling, disable] = useDisclosure()
  return (
    <Stack>
      <Group>
        <Badge color={me.totpEnabled ? "teal.9" : "gray.7"}>
          {me.totpEnabled ? t("account.twoFactor.on") : t("account.twoFactor.off")}
        </Badge>
      </Group>
      {me.totpEnabled ? (
        <>
          {me.totpRequired ? <Text size="sm">{t("account.twoFactor.required")}</Text> : null}
          <Group>
            <NewRecoveryCodes />
            {me.totpRequired ? null : (
              <Button variant="default" color="red" onClick={disable.open}>
                {t("account.twoFactor.turnOff")}
              </Button>
            )}
          </Group>
        </>
      ) : (
        <Group>
          <Button variant="default" onClick={enrol.open}>
            {t("account.twoFactor.enrol")}
          </Button>
        </Group>
      )}
      <Modal
        opened={enrolling}
        onClose={enrol.close}
        title={t("account.twoFactor.enrol")}
        centered
        closeButtonProps={{ "aria-label": t("app.closeNotification") }}
      >
        {enrolling ? (
          <ConfirmTotpEnrolment
            intro={<Text size="sm">{t("account.twoFactor.enrolIntro")}</Text>}
            onCancel={enrol.close}
            onFinished={() => onSessionsEnded(t("signIn.totpEnrolled"))}
          />
        ) : null}
      </Modal>
      <Modal
        opened={disabling}
        onClose={disable.close}
        title={t("account.twoFactor.turnOff")}
        centered
        closeButtonProps={{ "aria-label": t("app.closeNotification") }}
      >
        <TurnOffTotp
          onCancel={disable.close}
          onDone={() => onSessionsEnded(t("account.twoFactor.turnedOff"))}
        />
      </Modal>
    </Stack>
  )
}

function TurnOffTotp({ onCancel, onDone }: { readonly onCancel: () => void; readonly onDone: () => void }) {
  const { t } = useTranslation()
  const turnOff = useDisableTotp()
  const form = useCodeForm({
    submit: async (code) => {
      await turnOff.mutateAsync(code.trim())
      onDone()
    },
    fieldProblems: { INVALID_TOTP_CODE: t("account.twoFactor.invalidCode") }
  })
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <Stack>
        <Text size="sm">{t("account.twoFactor.turnOffIntro")}</Text>
        <TextInput
          label={t("account.twoFactor.code")}
          autoComplete="one-time-code"
          required
          data-autofocus
          value={form.value}
          error={form.error}
          onChange={(event) => form.setValue(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("account.twoFactor.cancel")}
          </Button>
          <Button type="submit" color="red" loading={form.submitting} disabled={form.value.trim() === ""}>
            {t("account.twoFactor.confirmTurnOff")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
