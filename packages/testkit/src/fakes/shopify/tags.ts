/** Shopify's limits on customer tags. */
export const MAX_TAGS = 250
export const MAX_TAG_LENGTH = 255

/** A comma splits a tag even inside one array element; tags are trimmed and empty ones dropped. */
export const splitTags = (input: ReadonlyArray<string>): ReadonlyArray<string> =>
  input
    .flatMap((element) => element.split(","))
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "")

const byLowerCase = (a: string, b: string): number => {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}

/** De-duplicates case-insensitively (the first casing wins) and sorts, as Shopify returns tags. */
export const normaliseTags = (tags: ReadonlyArray<string>): ReadonlyArray<string> => {
  const seen = new Map<string, string>()
  for (const tag of tags) if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag)
  return [...seen.values()].sort(byLowerCase)
}

/** The user error Shopify gives for a tag list it refuses, or undefined. */
export const tagsProblem = (tags: ReadonlyArray<string>): string | undefined => {
  if (tags.some((tag) => Array.from(tag).length > MAX_TAG_LENGTH)) {
    return `Tag is too long (maximum is ${MAX_TAG_LENGTH} characters)`
  }
  if (tags.length > MAX_TAGS) return `Tags cannot be more than ${MAX_TAGS}`
  return undefined
}

/** `existing` with `added` merged in (existing casings first). */
export const addTags = (
  existing: ReadonlyArray<string>,
  added: ReadonlyArray<string>
): ReadonlyArray<string> => normaliseTags([...existing, ...splitTags(added)])

/** `existing` without `removed`, compared case-insensitively (`["red"]` removes `Red`). */
export const removeTags = (
  existing: ReadonlyArray<string>,
  removed: ReadonlyArray<string>
): ReadonlyArray<string> => {
  const gone = new Set(splitTags(removed).map((tag) => tag.toLowerCase()))
  return existing.filter((tag) => !gone.has(tag.toLowerCase()))
}
