import { presets } from "@gatehouse/domain"
import { Accordion, Alert, Stack, Title } from "@mantine/core"
import { IconAlertTriangle } from "@tabler/icons-react"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { useNavigate, useSearch } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { applySessionWords } from "../../../lib/i18n/i18n.ts"
import { notify } from "../../../lib/notify.ts"
import { useMe } from "../../../lib/session.ts"
import { type CredentialFeature, credentialAccessQuery } from "../api/externalCredentials.ts"
import { AccountSecuritySection } from "./AccountSecuritySection.tsx"
import { PersonalInformationSection } from "./PersonalInformationSection.tsx"
import { PimsSection } from "./PimsSection.tsx"
import { SessionsSection } from "./SessionsSection.tsx"
import { TwoFactorSection } from "./TwoFactorSection.tsx"
import { VerifyEmailAlert } from "./VerifyEmailAlert.tsx"

const REQUIRED_REASON = {
  orders: "account.pims.requiredOrders",
  dashboard: "account.pims.requiredDashboard"
} as const

/**
 * One's own profile, for every preset: Personal Information, Account & Security (email read only, Change
 * Password), two-factor authentication, where one is signed in, and, for a preset that keeps PIMS logins, PIMS
 * Integration. A PIMS-backed page sends the person here with `?pims=orders|dashboard`: the section is open
 * and a red alert at the top says why, as long as the feature still lacks credentials.
 */
export function ProfilePage() {
  const { t } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { pims: feature } = useSearch({ from: "/signed-in/profile" })
  const system = presets[me.tenant.preset].externalSystems[0]
  const access = useQuery({
    ...credentialAccessQuery(system ?? "", feature ?? "orders"),
    enabled: system !== undefined && feature !== undefined
  })

  // a password change, TOTP enrolled or off, this browser signed out: every session has ended
  const signedOut = (message: string) => {
    queryClient.clear()
    applySessionWords(undefined, me.language)
    notify("teal", message)
    void navigate({ to: "/sign-in", search: { tenant: me.tenant.slug } })
  }
  const sections = [
    "personal",
    "security",
    "two-factor",
    "sessions",
    ...(system === undefined ? [] : ["pims"])
  ]

  return (
    <Stack maw={760}>
      <Title order={1}>{t("account.title")}</Title>
      {feature !== undefined && access.data === "required" ? (
        <Alert color="red" variant="filled" role="alert" icon={<IconAlertTriangle aria-hidden />}>
          {t(REQUIRED_REASON[feature satisfies CredentialFeature])}
        </Alert>
      ) : null}
      {me.emailVerified ? null : <VerifyEmailAlert me={me} />}
      <Accordion multiple defaultValue={sections} variant="separated">
        <Accordion.Item value="personal">
          <Accordion.Control>{t("account.personal")}</Accordion.Control>
          <Accordion.Panel>
            {/* a new form per version: a reload after a conflict starts from the stored profile */}
            <PersonalInformationSection key={me.version} me={me} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="security">
          <Accordion.Control>{t("account.security")}</Accordion.Control>
          <Accordion.Panel>
            <AccountSecuritySection
              me={me}
              onPasswordChanged={() => signedOut(t("signIn.passwordChanged"))}
            />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="two-factor">
          <Accordion.Control>{t("account.twoFactor.title")}</Accordion.Control>
          <Accordion.Panel>
            <TwoFactorSection me={me} onSessionsEnded={signedOut} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="sessions">
          <Accordion.Control>{t("account.sessions.title")}</Accordion.Control>
          <Accordion.Panel>
            <SessionsSection onCurrentRevoked={signedOut} />
          </Accordion.Panel>
        </Accordion.Item>
        {system === undefined ? null : (
          <Accordion.Item value="pims">
            <Accordion.Control>{t("account.pims.title")}</Accordion.Control>
            <Accordion.Panel>
              <PimsSection system={system} />
            </Accordion.Panel>
          </Accordion.Item>
        )}
      </Accordion>
    </Stack>
  )
}
