import { GatehouseProblem } from "@gatehouse/client"
import type { TFunction } from "i18next"
import { notifyProblem } from "../../lib/problems.ts"

/**
 * Puts a problem's field errors next to the fields (`errors[].path` is the form's field path, e.g.
 * `tagFormats.customerCode`); a problem about no field shown here is a notification.
 */
export const showProblem = (
  error: unknown,
  fields: ReadonlyArray<string>,
  setFieldError: (path: string, message: string) => void,
  t: TFunction
): void => {
  const placed =
    error instanceof GatehouseProblem
      ? error.errors.filter((e) => fields.some((field) => e.path === field || e.path.startsWith(`${field}.`)))
      : []
  for (const e of placed) {
    const field = fields.find((f) => e.path === f || e.path.startsWith(`${f}.`)) ?? e.path
    setFieldError(field, e.message)
  }
  if (placed.length === 0) notifyProblem(error, t)
}
