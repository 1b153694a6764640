import type { i18n as I18n } from "i18next"

/** The words of an audit action (`user.created`: "User created"), or its name when the catalogue has none. */
export const actionLabel = (i18n: I18n, action: string): string => {
  const key = `audit.actions.${action}`
  return i18n.exists(key) ? String(i18n.t(key as never)) : action
}

/** Every action the catalogue has words for, by name (`user.created`), for the action filter. */
export const knownActions = (i18n: I18n): ReadonlyArray<string> => {
  const tree = i18n.getResource(i18n.language, "translation", "audit.actions") as
    | Record<string, Record<string, string>>
    | undefined
  return Object.entries(tree ?? {})
    .flatMap(([aggregate, facts]) => Object.keys(facts).map((fact) => `${aggregate}.${fact}`))
    .sort()
}
