import { NavLink, Text } from "@mantine/core"
import { Link } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import type { NavItem } from "../navigation.ts"

/** A titled group of navigation links; nothing when the person may open none of them. */
export function NavSection({
  title,
  items,
  pathname
}: {
  readonly title: string
  readonly items: ReadonlyArray<NavItem>
  readonly pathname: string
}) {
  const { t } = useTranslation()
  if (items.length === 0) return null
  return (
    <>
      <Text size="xs" fw={700} c="dark.4" mt="md" px="sm" tt="uppercase">
        {title}
      </Text>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={t(item.label)}
          active={pathname.startsWith(item.to)}
        />
      ))}
    </>
  )
}
