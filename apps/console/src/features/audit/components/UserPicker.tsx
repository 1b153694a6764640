import { Select } from "@mantine/core"
import { useDebouncedValue } from "@mantine/hooks"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { usersQuery } from "../../users/api/users.ts"
import { useUserLabel } from "./UserName.tsx"

/** Picks one user by typing a name or an email address (the users list's own search, 20 at a time). */
export function UserPicker({
  label,
  value,
  onChange,
  error
}: {
  readonly label: string
  readonly value: string | undefined
  readonly onChange: (id: string | undefined) => void
  readonly error?: string | undefined
}) {
  const { t } = useTranslation()
  const [search, setSearch] = useState("")
  const selectedLabel = useUserLabel(value)
  const options = new Map<string, string>()
  if (value !== undefined) options.set(value, selectedLabel ?? value)
  // the chosen user's name in the box is not a search
  const [typed] = useDebouncedValue(search === options.get(value ?? "") ? "" : search.trim(), 250)
  const found = useQuery(usersQuery({ limit: 20, ...(typed === "" ? {} : { q: typed }) }))
  for (const user of found.data?.items ?? [])
    if (!options.has(user.id))
      options.set(user.id, `${`${user.firstName} ${user.lastName}`.trim()} (${user.email})`)
  return (
    <Select
      label={label}
      placeholder={t("audit.searchUsers")}
      searchable
      clearable
      filter={({ options: all }) => all}
      nothingFoundMessage={t("audit.noUsersFound")}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(id ?? undefined)}
      error={error}
      clearButtonProps={{ "aria-label": t("admin.clear") }}
    />
  )
}
