import { Image, Stack, Text, TextInput } from "@mantine/core"
import { toDataURL } from "qrcode"
import { type ReactNode, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"

interface Props {
  /** The base32 secret, also shown as text for typing into an app. */
  readonly secret: string
  /** The otpauth:// URI the QR code holds. */
  readonly otpauthUri: string
  readonly code: string
  readonly onCodeChange: (code: string) => void
  readonly error?: ReactNode
}

/** The authenticator step: the QR code, the key as text, and the code that confirms the enrolment. */
export function TotpEnrolment({ secret, otpauthUri, code, onCodeChange, error }: Props) {
  const { t } = useTranslation()
  const [qr, setQr] = useState<string | undefined>(undefined)
  useEffect(() => {
    let live = true
    void toDataURL(otpauthUri, { margin: 1, width: 200, errorCorrectionLevel: "M" }).then((url) => {
      if (live) setQr(url)
    })
    return () => {
      live = false
    }
  }, [otpauthUri])
  return (
    <Stack gap="sm">
      <Text>{t("totp.scan")}</Text>
      {qr !== undefined && <Image src={qr} alt={t("totp.qrAlt")} w={200} h={200} />}
      <Text size="sm">{t("totp.keyIntro")}</Text>
      <TextInput
        label={t("totp.key")}
        value={secret.replace(/(.{4})/gu, "$1 ").trim()}
        readOnly
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      />
      <TextInput
        label={t("totp.confirmCode")}
        description={t("totp.confirmCodeDescription")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
        value={code}
        error={error}
        onChange={(event) => onCodeChange(event.currentTarget.value.replace(/\D/gu, ""))}
      />
    </Stack>
  )
}
