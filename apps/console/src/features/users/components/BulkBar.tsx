import { Button, Group, Modal, PinInput, Stack, Text } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { type BulkResult, useBulk } from "../api/bulk.ts"

/**
 * 002's header actions for the checked rows: Send invites, and Delete behind the confirmation pop-up where the
 * number shown must be typed. The per-user results are listed after each run.
 */
export function BulkBar({
  selected,
  onDone
}: {
  readonly selected: ReadonlySet<string>
  readonly onDone: () => void
}) {
  const { t } = useTranslation()
  const bulk = useBulk()
  const [confirming, setConfirming] = useState(false)
  const [typed, setTyped] = useState("")
  const [results, setResults] = useState<ReadonlyArray<BulkResult> | null>(null)
  const ids = [...selected]
  const count = String(ids.length)

  const run = async (action: "invite" | "delete", confirm?: number) => {
    try {
      const answer = await bulk.mutateAsync({ action, ids, ...(confirm === undefined ? {} : { confirm }) })
      setResults(answer.results)
      const failed = answer.results.filter((r) => !r.ok).length
      notify(
        failed === 0 ? "teal" : "red",
        t("admin.bulk.summary", { ok: answer.results.length - failed, failed })
      )
      onDone()
    } catch (error) {
      notifyProblem(error, t)
    }
  }

  return (
    <>
      <Group>
        <Text size="sm">{t("admin.bulk.selected", { count: ids.length })}</Text>
        <Button
          variant="default"
          disabled={ids.length === 0}
          loading={bulk.isPending}
          onClick={() => void run("invite")}
        >
          {t("admin.bulk.sendInvites")}
        </Button>
        <Button color="red.9" disabled={ids.length === 0} onClick={() => setConfirming(true)}>
          {t("admin.bulk.delete")}
        </Button>
      </Group>
      <Modal
        closeButtonProps={{ "aria-label": t("admin.close") }}
        opened={confirming}
        onClose={() => {
          setConfirming(false)
          setTyped("")
        }}
        title={t("admin.bulk.confirmTitle")}
        centered
      >
        <Stack>
          <Text>{t("admin.bulk.confirmText", { count: ids.length })}</Text>
          <Text fw={700} size="xl" aria-label={t("admin.bulk.numberLabel")} data-testid="confirm-number">
            {count}
          </Text>
          <PinInput
            length={count.length}
            type="number"
            value={typed}
            onChange={setTyped}
            aria-label={t("admin.bulk.typeNumber")}
            getInputProps={(index) => ({ "aria-label": t("admin.bulk.digit", { n: index + 1 }) })}
          />
          <Group justify="flex-end">
            <Button
              color="red.9"
              disabled={typed !== count}
              loading={bulk.isPending}
              onClick={async () => {
                await run("delete", Number(typed))
                setConfirming(false)
                setTyped("")
              }}
            >
              {t("admin.bulk.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        closeButtonProps={{ "aria-label": t("admin.close") }}
        opened={results !== null}
        onClose={() => setResults(null)}
        title={t("admin.bulk.resultsTitle")}
        centered
      >
        <Stack gap={4} data-testid="bulk-results">
          {(results ?? []).map((r) => (
            <Text key={r.id} size="sm" c={r.ok ? "teal.9" : "red.9"}>
              {r.ok
                ? t("admin.bulk.resultOk", { id: r.id })
                : t("admin.bulk.resultFailed", { id: r.id, code: r.code ?? "" })}
            </Text>
          ))}
        </Stack>
      </Modal>
    </>
  )
}
