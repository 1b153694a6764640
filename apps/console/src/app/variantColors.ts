import {
  defaultVariantColorsResolver,
  type MantineTheme,
  type VariantColorResolverResult,
  type VariantColorsResolver
} from "@mantine/core"

/**
 * Mantine's variant colours, computed once per theme, variant, colour, gradient and contrast setting. Mantine
 * resolves them for every ActionIcon, Badge and Button it renders, parsing the colour and its luminance each
 * time: on the users grid (a pencil, a trash can and a chip per row, 150 per page) that was the largest single
 * cost of rendering a page. The answer depends on its input only, so it is kept.
 */
const cache = new WeakMap<MantineTheme, Map<string, VariantColorResolverResult>>()

export const cachedVariantColorsResolver: VariantColorsResolver = (input) => {
  let byKey = cache.get(input.theme)
  if (byKey === undefined) {
    byKey = new Map()
    cache.set(input.theme, byKey)
  }
  const gradient = input.gradient === undefined ? "" : JSON.stringify(input.gradient)
  const key = `${input.variant}|${input.color ?? ""}|${input.autoContrast ?? ""}|${gradient}`
  const known = byKey.get(key)
  if (known !== undefined) return known
  const resolved = defaultVariantColorsResolver(input)
  byKey.set(key, resolved)
  return resolved
}
