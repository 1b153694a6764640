import { Navigate } from "@tanstack/react-router"
import type { ReactNode } from "react"
import { can, type Permission, useMe } from "../lib/session.ts"

/**
 * A page only holders of `permission` open: anyone else lands on their own profile, as a Regular user who
 * opens User Management does (000). The API refuses them too; this only spares them a page of errors.
 */
export function RequirePermission({
  permission,
  children
}: {
  readonly permission: Permission
  readonly children: ReactNode
}) {
  const me = useMe()
  if (!can(me, permission)) return <Navigate to="/profile" replace />
  return <>{children}</>
}
