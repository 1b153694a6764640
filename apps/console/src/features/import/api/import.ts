import { ok } from "@gatehouse/client"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

const post = (csv: string, query: { dryRun: boolean; mode: "all" | "partial" }) =>
  ok(
    api.POST("/v1/users/import", {
      params: { query },
      // the CSV goes as it is (text/csv), not as JSON
      body: csv as never,
      bodySerializer: (body: unknown) => body as string,
      headers: { "content-type": "text/csv" }
    })
  )

export type ImportReport = Awaited<ReturnType<typeof post>>

/** `POST /v1/users/import` with a CSV file: a dry run (the report only), or the import of all or the good rows. */
export const useImport = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ csv, dryRun, mode }: { csv: string; dryRun: boolean; mode: "all" | "partial" }) =>
      post(csv, { dryRun, mode }),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ["users"] })
    }
  })
}
