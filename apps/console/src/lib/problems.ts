import { GatehouseProblem } from "@gatehouse/client"
import type { TFunction } from "i18next"
import { notify } from "./notify.ts"

/** What a person reads for a failure: the problem's `detail`, or a sentence of ours for the rest. */
export const problemMessage = (error: unknown, t: TFunction): string => {
  if (error instanceof GatehouseProblem) {
    if (error.code === "UNAUTHENTICATED") return t("problems.sessionEnded")
    if (error.code === "FORBIDDEN") return t("problems.forbidden")
    return error.detail === "" ? t("problems.generic") : error.detail
  }
  if (error instanceof TypeError) return t("problems.network")
  return t("problems.generic")
}

/** Shows a failure that belongs to no field as a notification. */
export const notifyProblem = (error: unknown, t: TFunction): void => {
  notify("red", problemMessage(error, t))
}
