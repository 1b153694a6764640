import { isProblem } from "@gatehouse/client"
import { Badge, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { RecoveryCodes } from "../../../components/RecoveryCodes.tsx"
import { TotpEnrolment } from "../../../components/TotpEnrolment.tsx"
import { notifyProblem, problemMessage } from "../../../lib/problems.ts"
import type { Me } from "../../../lib/session.ts"
import { useConfirmTotp, useDisableTotp, useStartTotpEnrolment } from "../api/totp.ts"
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
          <EnrolTotp onCancel={enrol.close} onDone={() => onSessionsEnded(t("signIn.totpEnrolled"))} />
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

function EnrolTotp({ onCancel, onDone }: { readonly onCancel: () => void; readonly onDone: () => void }) {
  const { t } = useTranslation()
  const started = useStartTotpEnrolment(true)
  const confirm = useConfirmTotp()
  const [code, setCode] = useState("")
  const [error, setError] = useState<string | undefined>(undefined)
  if (confirm.data !== undefined) {
    // every session has ended with the confirmation: the codes, then sign-in
    return (
      <RecoveryCodes
        codes={confirm.data.recoveryCodes}
        continueLabel={t("totp.continue")}
        onContinue={onDone}
      />
    )
  }
  if (started.error !== null) {
    return (
      <Text role="alert" c="red.9">
        {problemMessage(started.error, t)}
      </Text>
    )
  }
  if (started.data === undefined) return <Text>{t("app.loading")}</Text>
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault()
        setError(undefined)
        try {
          await confirm.mutateAsync(code)
        } catch (failure) {
          if (isProblem(failure, "INVALID_TOTP_CODE")) setError(t("totp.invalidCode"))
          else notifyProblem(failure, t)
        }
      }}
    >
      <Stack>
        <Text size="sm">{t("account.twoFactor.enrolIntro")}</Text>
        <TotpEnrolment
          secret={started.data.secret}
          otpauthUri={started.data.otpauthUri}
          code={code}
          onCodeChange={setCode}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("account.twoFactor.cancel")}
          </Button>
          <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
            {t("totp.confirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function TurnOffTotp({ onCancel, onDone }: { readonly onCancel: () => void; readonly onDone: () => void }) {
  const { t } = useTranslation()
  const turnOff = useDisableTotp()
  const [code, setCode] = useState("")
  const [error, setError] = useState<string | undefined>(undefined)
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault()
        setError(undefined)
        try {
          await turnOff.mutateAsync(code.trim())
          onDone()
        } catch (failure) {
          if (isProblem(failure, "INVALID_TOTP_CODE")) setError(t("account.twoFactor.invalidCode"))
          else notifyProblem(failure, t)
        }
      }}
    >
      <Stack>
        <Text size="sm">{t("account.twoFactor.turnOffIntro")}</Text>
        <TextInput
          label={t("account.twoFactor.code")}
          autoComplete="one-time-code"
          required
          data-autofocus
          value={code}
          error={error}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("account.twoFactor.cancel")}
          </Button>
          <Button type="submit" color="red" loading={turnOff.isPending} disabled={code.trim() === ""}>
            {t("account.twoFactor.confirmTurnOff")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
