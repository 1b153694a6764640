import { type CSSVariablesResolver, createTheme } from "@mantine/core"
import { cachedVariantColorsResolver } from "./variantColors.ts"

// Darker primary shades than Mantine's defaults: white text on them passes WCAG AA contrast (axe).
export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: 8,
  defaultRadius: "md",
  variantColorResolver: cachedVariantColorsResolver
})

// Colours whose "light" variant (alerts, chips, badges) shows text on a pale tint.
const TINTED = ["red", "orange", "yellow", "teal", "green", "blue", "indigo", "gray"] as const

/**
 * Contrast (WCAG AA, checked by axe on every page): Mantine's dimmed grey (gray-6) is too pale for small text,
 * and its light variants write shade 6 on shade 0; both go darker here.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    // the red of field errors
    "--mantine-color-error": "var(--mantine-color-red-9)",
    ...Object.fromEntries(
      TINTED.map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-9)`])
    )
  },
  dark: {}
})
