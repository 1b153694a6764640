import { Anchor, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { RecoveryCodes } from "../../../components/RecoveryCodes.tsx"
import { useNewRecoveryCodes } from "../api/totp.ts"
import { useCodeForm } from "../hooks/useCodeForm.ts"

/**
 * "Get new recovery codes" in the profile's two-factor section: confirmed with a code from the app or the
 * password, the new codes shown once in the dialog (the old ones stop working); sessions stay.
 */
export function NewRecoveryCodes() {
  const { t } = useTranslation()
  const [opened, dialog] = useDisclosure()
  return (
    <>
      <Button variant="default" onClick={dialog.open}>
        {t("account.twoFactor.newCodes")}
      </Button>
      <Modal
        opened={opened}
        onClose={dialog.close}
        title={t("account.twoFactor.newCodes")}
        centered
        closeButtonProps={{ "aria-label": t("app.closeNotification") }}
      >
        {opened ? <NewCodesForm onDone={dialog.close} /> : null}
      </Modal>
    </>
  )
}

function NewCodesForm({ onDone }: { readonly onDone: () => void }) {
  const { t } = useTranslation()
  const regenerate = useNewRecoveryCodes()
  const [withPassword, setWithPassword] = useState(false)
  const form = useCodeForm({
    submit: (value) =>
      regenerate.mutateAsync(withPassword ? { currentPassword: value } : { code: value.trim() }),
    fieldProblems: {
      INVALID_TOTP_CODE: t("account.twoFactor.invalidCode"),
      INVALID_CURRENT_PASSWORD: t("account.twoFactor.wrongPassword")
    }
  })
  if (regenerate.data !== undefined) {
    return (
      <RecoveryCodes
        codes={regenerate.data.recoveryCodes}
        continueLabel={t("account.twoFactor.newCodesDone")}
        onContinue={onDone}
      />
    )
  }
  const switchProof = () => {
    setWithPassword(!withPassword)
    form.reset()
  }
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <Stack>
        <Text size="sm">{t("account.twoFactor.newCodesIntro")}</Text>
        {withPassword ? (
          <PasswordInput
            key="password"
            label={t("account.twoFactor.newCodesPassword")}
            autoComplete="current-password"
            required
            data-autofocus
            value={form.value}
            error={form.error}
            visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
            onChange={(event) => form.setValue(event.currentTarget.value)}
          />
        ) : (
          <TextInput
            key="code"
            label={t("account.twoFactor.newCodesCode")}
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            data-autofocus
            value={form.value}
            error={form.error}
            onChange={(event) => form.setValue(event.currentTarget.value)}
          />
        )}
        <Anchor component="button" type="button" size="sm" onClick={switchProof}>
          {withPassword ? t("account.twoFactor.useCode") : t("account.twoFactor.usePassword")}
        </Anchor>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("account.twoFactor.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting} disabled={form.value.trim() === ""}>
            {t("account.twoFactor.newCodesConfirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
