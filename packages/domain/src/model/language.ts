import { Schema } from "effect"

const isCanonicalTag = (input: string): boolean => {
  try {
    return Intl.getCanonicalLocales(input)[0] === input
  } catch {
    return false
  }
}

/** A BCP 47 language tag in its canonical form ("en", "en-US", "pt-BR", "zh-Hant-TW"). */
export const Language = Schema.String.check(
  Schema.isPattern(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/u, { message: "Expected a BCP 47 language tag" }),
  Schema.makeFilter(isCanonicalTag, { message: "Expected a canonical BCP 47 language tag, e.g. en-US" })
).pipe(Schema.brand("Language"))
export type Language = typeof Language.Type
