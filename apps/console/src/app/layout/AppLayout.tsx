import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from "@mantine/core"
import { useDisclosure } from "@mantine/hooks"
import { useQueryClient } from "@tanstack/react-query"
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router"
import { useCallback, useEffect } from "react"
import { useTranslation } from "react-i18next"
import { FirstLoginPasswordModal } from "../../features/account/components/FirstLoginPasswordModal.tsx"
import { TotpEnrolmentStep } from "../../features/account/components/TotpEnrolmentStep.tsx"
import { portalLinks } from "../../features/portal/access.ts"
import { applySessionWords } from "../../lib/i18n/i18n.ts"
import { notify } from "../../lib/notify.ts"
import { useMe, useSignOut } from "../../lib/session.ts"
import { visibleNav } from "../navigation.ts"
import { NavSection } from "./NavSection.tsx"
import { useSessionEnd } from "./useSessionEnd.ts"

/** The signed-in frame: header, the navigation this person may see, the page; and the first-login step. */
export function AppLayout() {
  const { t } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const signOut = useSignOut()
  const queryClient = useQueryClient()
  const [opened, { toggle, close }] = useDisclosure()
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  useEffect(() => {
    document.title = `${me.tenant.name} · ${t("app.name")}`
  }, [me.tenant.name, t])
  // a link followed on a phone closes the navigation drawer
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation, by design
  useEffect(() => close(), [pathname])

  const leave = (message: string) => {
    applySessionWords(undefined, me.language)
    notify("teal", message)
    void navigate({ to: "/sign-in" })
  }
  // signed out from elsewhere (another browser, a password change, expiry): back to sign-in, saying so
  const sessionEnded = useCallback(() => {
    applySessionWords(undefined, me.language)
    notify("teal", t("problems.sessionEnded"))
    void navigate({ to: "/sign-in" })
  }, [me.language, navigate, t])
  useSessionEnd(sessionEnded)
  const logout = () =>
    signOut.mutate(undefined, {
      onSettled: () => leave(t("signIn.signedOut"))
    })

  const restricted = me.session.scope !== "full"
  const nav = visibleNav(me.permissions, me.tenant.preset)
  const name = me.displayName ?? `${me.firstName} ${me.lastName}`

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened, desktop: restricted } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            {!restricted && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t("app.toggleNavigation")}
              />
            )}
            <Title order={2} size="h4">
              {me.tenant.name}
            </Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            <Text size="sm" visibleFrom="xs">
              {name}
            </Text>
            <Button variant="default" size="xs" onClick={logout} loading={signOut.isPending}>
              {t("nav.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {!restricted && (
        <AppShell.Navbar p="sm" component="nav" aria-label={t("app.navigation")}>
          <Stack gap={4}>
            {nav.main.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                active={pathname === item.to}
              />
            ))}
            <NavLink
              component={Link}
              to="/profile"
              label={t("nav.profile")}
              active={pathname === "/profile"}
            />
            {portalLinks(me).length > 0 && (
              <>
                <Text size="xs" fw={700} c="dark.4" mt="md" px="sm" tt="uppercase">
                  {t("nav.portal")}
                </Text>
                {portalLinks(me).map((portal) => (
                  <NavLink
                    key={portal.slug}
                    component={Link}
                    to={`/portal/${portal.slug}`}
                    label={portal.name}
                    active={pathname === `/portal/${portal.slug}`}
                  />
                ))}
              </>
            )}
            {nav.admin.length > 0 && (
              <>
                <Text size="xs" fw={700} c="dark.4" mt="md" px="sm" tt="uppercase">
                  {t("nav.admin")}
                </Text>
                {nav.admin.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(item.label)}
                    active={pathname.startsWith(item.to)}
                  />
                ))}
              </>
            )}
            <NavSection title={t("settings.nav.title")} items={nav.settings} pathname={pathname} />
          </Stack>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main">
        {restricted ? null : <Outlet />}
        {me.session.scope === "mfa_enrollment" && (
          <TotpEnrolmentStep
            onFinished={() => {
              queryClient.clear()
              leave(t("signIn.totpEnrolled"))
            }}
          />
        )}
        {me.session.scope === "password_change" && (
          <FirstLoginPasswordModal
            me={me}
            onChanged={() => leave(t("signIn.passwordChanged"))}
            onLogout={logout}
            loggingOut={signOut.isPending}
          />
        )}
      </AppShell.Main>
    </AppShell>
  )
}
