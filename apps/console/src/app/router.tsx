import { isProblem } from "@gatehouse/client"
import type { QueryClient } from "@tanstack/react-query"
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect
} from "@tanstack/react-router"
import { auditSearch } from "../features/audit/search.ts"
import { prefetchFirstPage } from "../features/users/api/firstPage.ts"
import { applySessionWords } from "../lib/i18n/i18n.ts"
import { meQuery } from "../lib/session.ts"
import { NotFound } from "./NotFound.tsx"
import { PageLoader } from "./PageLoader.tsx"

interface RouterContext {
  readonly queryClient: QueryClient
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound
})

// Pages anyone may open (no session).
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (search: Record<string, unknown>): { redirect?: string; tenant?: string } => ({
    ...(typeof search.redirect === "string" ? { redirect: search.redirect } : {}),
    ...(typeof search.tenant === "string" ? { tenant: search.tenant } : {})
  }),
  component: lazyRouteComponent(() => import("../features/auth/components/SignInPage.tsx"), "SignInPage")
})

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/setup",
  component: lazyRouteComponent(() => import("../features/setup/components/SetupPage.tsx"), "SetupPage")
})

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: lazyRouteComponent(
    () => import("../features/recovery/components/ForgotPasswordPage.tsx"),
    "ForgotPasswordPage"
  )
})

const passwordResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/password-reset",
  component: lazyRouteComponent(
    () => import("../features/recovery/components/PasswordResetPage.tsx"),
    "PasswordResetPage"
  )
})

const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/verify-email",
  component: lazyRouteComponent(
    () => import("../features/recovery/components/VerifyEmailPage.tsx"),
    "VerifyEmailPage"
  )
})

// The signed-in frame: loads the person (401: to sign-in), their words, then the page.
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery)
      applySessionWords(me.tenant.preset, me.language)
    } catch (error) {
      if (isProblem(error, "UNAUTHENTICATED")) {
        throw redirect({
          to: "/sign-in",
          search: location.pathname === "/" ? {} : { redirect: location.href }
        })
      }
      throw error
    }
  },
  component: lazyRouteComponent(() => import("./layout/AppLayout.tsx"), "AppLayout")
})

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  component: lazyRouteComponent(() => import("./HomeRoute.tsx"), "HomeRoute")
})

const profileRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/profile",
  // a PIMS-backed page sends the person here to sign in to PIMS first (000)
  validateSearch: (search: Record<string, unknown>): { pims?: "orders" | "dashboard" } =>
    search.pims === "orders" || search.pims === "dashboard" ? { pims: search.pims } : {},
  component: lazyRouteComponent(() => import("../features/account/components/ProfilePage.tsx"), "ProfilePage")
})

const usersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/users",
  // not awaited: the page's frame renders while its first page loads
  loader: ({ context }) => {
    void prefetchFirstPage(context.queryClient)
  },
  component: lazyRouteComponent(() => import("../features/users/components/UsersPage.tsx"), "UsersPage")
})

// The tenant admin pages (issue 18).
const newUserRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/users/new",
  component: lazyRouteComponent(() => import("../features/users/components/NewUserPage.tsx"), "NewUserRoute")
})

const importRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/users/import",
  component: lazyRouteComponent(() => import("../features/import/components/ImportPage.tsx"), "ImportPage")
})

const userRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/users/$userId",
  component: lazyRouteComponent(
    () => import("../features/users/components/UserProfilePage.tsx"),
    "UserProfilePage"
  )
})

const membershipsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/memberships",
  component: lazyRouteComponent(
    () => import("../features/memberships/components/MembershipsPage.tsx"),
    "MembershipsPage"
  )
})

const catalogueRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/catalogue",
  component: lazyRouteComponent(
    () => import("../features/catalogue/components/GroupsDepartmentsPage.tsx"),
    "GroupsDepartmentsPage"
  )
})

const rolesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/roles",
  component: lazyRouteComponent(() => import("../features/catalogue/components/RolesPage.tsx"), "RolesPage")
})

const webhooksRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/settings/webhooks",
  component: lazyRouteComponent(
    () => import("../features/webhooks/components/WebhooksPage.tsx"),
    "WebhooksPage"
  )
})

// Tenant admins' organizations (issue 19 item 3; orgs:manage): the list and one organization with its members.
const organizationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/organizations",
  component: lazyRouteComponent(
    () => import("../features/organizations/components/OrganizationsPage.tsx"),
    "OrganizationsPage"
  )
})

const organizationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/organizations/$orgId",
  component: lazyRouteComponent(
    () => import("../features/organizations/components/OrganizationPage.tsx"),
    "OrganizationPage"
  )
})

// 001's customer portal at 003's /portal/<organization slug>: the organization's Users and Permissions page
// (an old /portal/<id> link is sent on to the slug).
const portalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/portal/$orgSlug",
  component: lazyRouteComponent(() => import("../features/portal/components/PortalRoute.tsx"), "PortalRoute")
})

// Settings (issue 19 item 4; settings:manage). The webhooks page lives at /settings/webhooks.
const settingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/settings",
  beforeLoad: () => {
    throw redirect({ to: "/settings/password-policy", replace: true })
  }
})

const passwordPolicyRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/settings/password-policy",
  component: lazyRouteComponent(
    () => import("../features/settings/components/PasswordPolicyPage.tsx"),
    "PasswordPolicyPage"
  )
})

const shopifyRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/settings/shopify",
  component: lazyRouteComponent(
    () => import("../features/settings/components/ShopifyPage.tsx"),
    "ShopifyPage"
  )
})

const pimsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/settings/pims",
  component: lazyRouteComponent(() => import("../features/settings/components/PimsPage.tsx"), "PimsPage")
})

const accountRecoveryRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/settings/account-recovery",
  component: lazyRouteComponent(
    () => import("../features/settings/components/AccountRecoveryPage.tsx"),
    "AccountRecoveryPage"
  )
})

// The audit log (issue 19 item 5; audit:read); the filters live in the URL, so a filtered log can be linked.
const auditRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/audit",
  validateSearch: auditSearch,
  component: lazyRouteComponent(() => import("../features/audit/components/AuditLogPage.tsx"), "AuditLogPage")
})

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  forgotPasswordRoute,
  passwordResetRoute,
  verifyEmailRoute,
  signedInRoute.addChildren([
    homeRoute,
    profileRoute,
    usersRoute,
    newUserRoute,
    importRoute,
    userRoute,
    membershipsRoute,
    catalogueRoute,
    rolesRoute,
    organizationsRoute,
    organizationRoute,
    portalRoute,
    settingsRoute,
    passwordPolicyRoute,
    shopifyRoute,
    pimsRoute,
    accountRecoveryRoute,
    auditRoute,
    webhooksRoute
  ])
])

export const makeRouter = (queryClient: QueryClient) =>
  createRouter({
    routeTree,
    context: { queryClient },
    defaultPendingComponent: PageLoader,
    defaultPreload: "intent",
    scrollRestoration: true
  })

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof makeRouter>
  }
}
