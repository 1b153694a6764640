import { GatehouseProblem } from "@gatehouse/client"
import type { TFunction } from "i18next"
import { notify } from "../../lib/notify.ts"
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

/**
 * Saves a settings form: on success the `saved` notification (default "Saved"), on a problem its field errors
 * next to the fields (or a notification). Resolves to whether it was saved.
 */
export const saveSettings = async (
  save: () => Promise<unknown>,
  form: {
    readonly fields: ReadonlyArray<string>
    readonly setFieldError: (path: string, message: string) => void
    readonly t: TFunction
    readonly saved?: string
  }
): Promise<boolean> => {
  try {
    await save()
    notify("teal", form.saved ?? form.t("settings.saved"))
    return true
  } catch (error) {
    showProblem(error, form.fields, form.setFieldError, form.t)
    return false
  }
}
