import { Button, Group, Text } from "@mantine/core"
import { useTranslation } from "react-i18next"

interface Props {
  readonly page: number
  readonly hasPrevious: boolean
  readonly nextCursor: string | null
  readonly onPrevious: () => void
  readonly onNext: (cursor: string) => void
}

/** Previous / next over cursor pages (the API pages by cursor, so there is no "jump to page N"). */
export function Pager({ page, hasPrevious, nextCursor, onPrevious, onNext }: Props) {
  const { t } = useTranslation()
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" disabled={!hasPrevious} onClick={onPrevious}>
        {t("admin.users.previousPage")}
      </Button>
      <Text size="sm">{t("admin.users.page", { page })}</Text>
      <Button
        variant="default"
        size="xs"
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && onNext(nextCursor)}
      >
        {t("admin.users.nextPage")}
      </Button>
    </Group>
  )
}
