import {
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  mergeMantineTheme
} from "@mantine/core"
import { describe, expect, it } from "vitest"
import { theme } from "../src/app/theme.ts"
import { cachedVariantColorsResolver } from "../src/app/variantColors.ts"

const merged = mergeMantineTheme(DEFAULT_THEME, theme)
const inputs = [
  { variant: "subtle", color: "indigo" },
  { variant: "subtle", color: "red" },
  { variant: "filled", color: "red.9" },
  { variant: "filled", color: "gray.7" },
  { variant: "light", color: "teal.9" },
  { variant: "outline", color: "#1c7ed6" },
  { variant: "filled", color: "indigo", autoContrast: true },
  { variant: "gradient", color: "indigo", gradient: { from: "red", to: "blue", deg: 45 } },
  { variant: "gradient", color: "indigo", gradient: { from: "teal", to: "lime", deg: 90 } }
] as const

describe("Mantine's variant colours, computed once (the users grid's render cost)", () => {
  it("answers what Mantine's own resolver answers, for every variant and colour the console uses", () => {
    for (const input of inputs) {
      const asked = { ...input, theme: merged }
      expect(cachedVariantColorsResolver(asked)).toEqual(defaultVariantColorsResolver(asked))
    }
  })

  it("answers a second question with the kept answer, and different questions with different ones", () => {
    const red = cachedVariantColorsResolver({ variant: "subtle", color: "red", theme: merged })
    expect(cachedVariantColorsResolver({ variant: "subtle", color: "red", theme: merged })).toBe(red)
    expect(cachedVariantColorsResolver({ variant: "subtle", color: "gray", theme: merged })).not.toEqual(red)
    expect(cachedVariantColorsResolver({ variant: "filled", color: "red", theme: merged })).not.toEqual(red)
    const [first, second] = inputs
      .slice(-2)
      .map((input) => cachedVariantColorsResolver({ ...input, theme: merged }))
    expect(first).not.toEqual(second)
  })

  it("keeps each theme's answers apart", () => {
    const palette = (hex: string) => Array.from({ length: 10 }, () => hex) as unknown as MantineColorsTuple
    const one = mergeMantineTheme(DEFAULT_THEME, { ...theme, colors: { brand: palette("#ff0000") } })
    const other = mergeMantineTheme(DEFAULT_THEME, { ...theme, colors: { brand: palette("#0000ff") } })
    const subtle = { variant: "subtle", color: "brand.5" } as const
    expect(cachedVariantColorsResolver({ ...subtle, theme: one })).toEqual(
      defaultVariantColorsResolver({ ...subtle, theme: one })
    )
    expect(cachedVariantColorsResolver({ ...subtle, theme: other })).toEqual(
      defaultVariantColorsResolver({ ...subtle, theme: other })
    )
    expect(cachedVariantColorsResolver({ ...subtle, theme: one })).not.toEqual(
      cachedVariantColorsResolver({ ...subtle, theme: other })
    )
  })
})
