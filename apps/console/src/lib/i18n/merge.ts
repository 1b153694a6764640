type Tree = { readonly [key: string]: string | Tree }

/** `base` with every word of `overlay` in place of its own (keys the base lacks are ignored). */
export const overlayWords = <T extends Tree>(base: T, overlay: Tree | undefined): T => {
  if (overlay === undefined) return base
  const merged: Record<string, string | Tree> = { ...base }
  for (const [key, value] of Object.entries(overlay)) {
    const own = base[key]
    if (own === undefined) continue
    merged[key] =
      typeof own === "string"
        ? typeof value === "string"
          ? value
          : own
        : overlayWords(own, typeof value === "string" ? undefined : value)
  }
  return merged as T
}

/** Every key of a catalogue as a dotted path (`signIn.title`), sorted. */
export const keysOf = (tree: Tree, prefix = ""): ReadonlyArray<string> =>
  Object.entries(tree)
    .flatMap(([key, value]) =>
      typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)
    )
    .sort()
