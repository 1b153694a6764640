import { useParams } from "@tanstack/react-router"
import { PortalUsersPage } from "./PortalUsersPage.tsx"

/** The route's component: the organization named in the URL (its id until organizations carry a slug). */
export function PortalRoute() {
  const { orgSlug } = useParams({ from: "/signed-in/portal/$orgSlug" })
  return <PortalUsersPage key={orgSlug} orgId={orgSlug} />
}
