import { isProblem } from "@gatehouse/client"
import { Center, Loader } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { Navigate, useParams } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { isOrganizationId } from "../access.ts"
import { organizationQuery, useOrganizationBySlug } from "../api/members.ts"
import { PortalUsersPage, Refused } from "./PortalUsersPage.tsx"

/**
 * `/portal/<organization slug>` (003): the organization the slug names. An old link by id (`/portal/<id>`)
 * is sent on to the organization's slug.
 */
export function PortalRoute() {
  const { orgSlug } = useParams({ from: "/signed-in/portal/$orgSlug" })
  return isOrganizationId(orgSlug) ? (
    <RedirectById orgId={orgSlug} />
  ) : (
    <PortalBySlug key={orgSlug} slug={orgSlug} />
  )
}

function Loading() {
  const { t } = useTranslation()
  return (
    <Center mih="40vh">
      <Loader aria-label={t("app.loading")} />
    </Center>
  )
}

function PortalBySlug({ slug }: { readonly slug: string }) {
  const { t } = useTranslation()
  const organization = useOrganizationBySlug(slug, { enabled: true })
  if (organization.error !== null)
    return (
      <Refused
        message={isProblem(organization.error, "FORBIDDEN") ? t("portal.noAccess") : t("portal.notFound")}
      />
    )
  if (organization.data === undefined) return <Loading />
  return <PortalUsersPage key={organization.data.id} organization={organization.data} />
}

function RedirectById({ orgId }: { readonly orgId: string }) {
  const { t } = useTranslation()
  const organization = useQuery(organizationQuery(orgId))
  // by id the API refuses any organization the caller may not read (403, existing or not): not theirs
  if (organization.error !== null) return <Refused message={t("portal.notFound")} />
  if (organization.data === undefined) return <Loading />
  return <Navigate to="/portal/$orgSlug" params={{ orgSlug: organization.data.slug }} replace />
}
