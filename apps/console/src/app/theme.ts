import { type CSSVariablesResolver, createTheme } from "@mantine/core"

// Darker primary shades than Mantine's defaults: white text on them passes WCAG AA contrast (axe).
export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: 8,
  defaultRadius: "md"
})

// Mantine's dimmed grey (gray-6) is below AA contrast on white for small text (descriptions): one shade darker.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // the same for the red of field errors
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)"
  },
  dark: {}
})
