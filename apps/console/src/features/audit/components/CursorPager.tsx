import { Button, Group, Text } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"

/** Cursor paging state: the cursors of the pages walked so far (the first page has none). */
export const useCursorPages = () => {
  const [cursors, setCursors] = useState<ReadonlyArray<string>>([])
  return {
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    next: (cursor: string) => setCursors((walked) => [...walked, cursor]),
    previous: () => setCursors((walked) => walked.slice(0, -1)),
    reset: () => setCursors([])
  }
}

/** Previous / next over the API's cursor pages (no "jump to page N": cursors only go forward). */
export function CursorPager({
  pages,
  nextCursor
}: {
  readonly pages: ReturnType<typeof useCursorPages>
  readonly nextCursor: string | null | undefined
}) {
  const { t } = useTranslation()
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" disabled={pages.page === 1} onClick={pages.previous}>
        {t("audit.previousPage")}
      </Button>
      <Text size="sm">{t("audit.page", { page: pages.page })}</Text>
      <Button
        variant="default"
        size="xs"
        disabled={nextCursor === null || nextCursor === undefined}
        onClick={() => nextCursor !== null && nextCursor !== undefined && pages.next(nextCursor)}
      >
        {t("audit.nextPage")}
      </Button>
    </Group>
  )
}
