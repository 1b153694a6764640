import { Anchor } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { Link } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { userQuery } from "../../users/api/users.ts"

/** A user's name linked to their profile; a user who is gone (or hidden from the reader) shows their id. */
export function UserName({ id }: { readonly id: string }) {
  const { t } = useTranslation()
  const user = useQuery({ ...userQuery(id), retry: false, staleTime: 60_000 })
  if (user.isPending) return <span>…</span>
  if (user.data === undefined) return <span>{t("audit.unknownUser", { id: id.slice(0, 8) })}</span>
  const name = `${user.data.firstName} ${user.data.lastName}`.trim() || user.data.email
  return (
    <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/users/$userId" params={{ userId: id }} />}>
      {name}
    </Anchor>
  )
}

/** The plain name of a user for labels (the id until it is known). */
export const useUserLabel = (id: string | undefined): string | undefined => {
  const user = useQuery({
    ...userQuery(id ?? ""),
    enabled: id !== undefined,
    retry: false,
    staleTime: 60_000
  })
  if (id === undefined) return undefined
  if (user.data === undefined) return id
  return `${`${user.data.firstName} ${user.data.lastName}`.trim()} (${user.data.email})`
}
