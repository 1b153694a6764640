import i18next from "i18next"
import { initReactI18next } from "react-i18next"
import { overlayWords } from "./merge.ts"
import { de } from "./messages/de.ts"
import { en } from "./messages/en.ts"
import type { PresetOverlay } from "./presets/overlay.ts"
import { puqcloud } from "./presets/puqcloud.ts"
import { weavestream } from "./presets/weavestream.ts"
import { weevio } from "./presets/weevio.ts"
import { wetrack } from "./presets/wetrack.ts"

export type Preset = "weevio" | "wetrack" | "weavestream" | "puqcloud"
export type Locale = "en" | "de"

export const LOCALES: ReadonlyArray<Locale> = ["en", "de"]
export const PRESET_OVERLAYS: Readonly<Record<Preset, PresetOverlay>> = {
  weevio,
  wetrack,
  weavestream,
  puqcloud
}
const BASES = { en, de } as const

/** The locale for a BCP 47 tag (`de-AT` -> de); English for anything else. */
export const localeOf = (tag: string | null | undefined): Locale =>
  tag?.toLowerCase().split("-")[0] === "de" ? "de" : "en"

/** The catalogue of `locale` with the words of `preset` (none before sign-in). */
export const catalogueFor = (locale: Locale, preset: Preset | undefined): typeof en => {
  const base = BASES[locale] as typeof en
  if (preset === undefined) return base
  return overlayWords(base, PRESET_OVERLAYS[preset][locale])
}

let currentPreset: Preset | undefined

/** Starts i18next with the browser's language and no preset (the sign-in page). */
export const initI18n = (browserLanguage: string | undefined): typeof i18next => {
  void i18next.use(initReactI18next).init({
    lng: localeOf(browserLanguage),
    fallbackLng: "en",
    resources: {
      en: { translation: catalogueFor("en", undefined) },
      de: { translation: catalogueFor("de", undefined) }
    },
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    // a preset's words arrive with the session: re-render when bundles change, not only the language
    react: { bindI18nStore: "added" },
    returnNull: false
  })
  return i18next
}

/** Switches the words to the signed-in user's preset and language. */
export const applySessionWords = (preset: Preset | undefined, language: string | null | undefined): void => {
  if (preset !== currentPreset) {
    currentPreset = preset
    for (const locale of LOCALES) {
      i18next.addResourceBundle(locale, "translation", catalogueFor(locale, preset), true, true)
    }
  }
  const locale = language === null || language === undefined ? localeOf(i18next.language) : localeOf(language)
  if (i18next.language !== locale) void i18next.changeLanguage(locale)
  if (typeof document !== "undefined") document.documentElement.lang = locale
}
