import { isProblem } from "@gatehouse/client"
import { Alert, Button, FileInput, Group, Progress, Stack, Table, Text, Title } from "@mantine/core"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { type ImportReport, useImport } from "../api/import.ts"

/**
 * 002's bulk import: upload a CSV, read the dry run's report row by row, then import all the rows (nothing is
 * written when one fails) or only the good ones.
 */
export function ImportPage() {
  const { t } = useTranslation()
  const run = useImport()
  const [file, setFile] = useState<File | null>(null)
  const [csv, setCsv] = useState<string | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [done, setDone] = useState<ImportReport | null>(null)
  const rows = csv === null ? 0 : Math.max(0, csv.trim().split(/\r?\n/).length - 1)

  const check = async (chosen: File | null) => {
    setFile(chosen)
    setReport(null)
    setDone(null)
    if (chosen === null) return setCsv(null)
    const text = await chosen.text()
    setCsv(text)
    try {
      setReport(await run.mutateAsync({ csv: text, dryRun: true, mode: "partial" }))
    } catch (error) {
      notifyProblem(error, t)
    }
  }

  const commit = async (mode: "all" | "partial") => {
    if (csv === null) return
    try {
      const answer = await run.mutateAsync({ csv, dryRun: false, mode })
      setDone(answer)
      notify("teal", t("admin.import.imported", { count: answer.created }))
    } catch (error) {
      if (isProblem(error, "IMPORT_FAILED")) notify("red", t("admin.import.allFailed"))
      else notifyProblem(error, t)
    }
  }

  return (
    <Stack maw={900}>
      <Title order={1}>{t("admin.import.title")}</Title>
      <Text size="sm">{t("admin.import.intro")}</Text>
      <FileInput
        label={t("admin.import.file")}
        accept=".csv,text/csv"
        value={file}
        onChange={(chosen) => void check(chosen)}
        clearable
        clearButtonProps={{ "aria-label": t("admin.clear") }}
      />
      {run.isPending ? (
        <Stack gap={4}>
          <Text size="sm">{t("admin.import.working", { count: rows })}</Text>
          <Progress value={100} animated aria-label={t("admin.import.progress")} />
        </Stack>
      ) : null}
      {report === null ? null : (
        <Stack>
          <Title order={2} size="h4">
            {t("admin.import.report")}
          </Title>
          <Text data-testid="import-summary">
            {t("admin.import.summary", { ok: report.created + report.updated, failed: report.failedRows })}
          </Text>
          {report.failed.length === 0 ? null : (
            <Table aria-label={t("admin.import.failedRows")} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("admin.import.row")}</Table.Th>
                  <Table.Th>{t("admin.import.problems")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.failed.map((f) => (
                  <Table.Tr key={f.row}>
                    <Table.Td>{f.row}</Table.Td>
                    <Table.Td>{f.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {done === null ? (
            <Group>
              <Button
                disabled={report.failedRows > 0}
                onClick={() => void commit("all")}
                loading={run.isPending}
              >
                {t("admin.import.importAll")}
              </Button>
              <Button
                variant="light"
                disabled={report.created + report.updated === 0}
                onClick={() => void commit("partial")}
                loading={run.isPending}
              >
                {t("admin.import.importGood")}
              </Button>
            </Group>
          ) : (
            <Alert color="teal">{t("admin.import.imported", { count: done.created })}</Alert>
          )}
        </Stack>
      )}
    </Stack>
  )
}
