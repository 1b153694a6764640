import type { CatalogueEntry } from "../ports/CatalogueStore.ts"

/**
 * The one ordering of a named catalogue (groups, departments), written once: the in-memory store sorts with it,
 * the SQL store mirrors it (`name_key COLLATE "C"`, then id) and the contract suite checks both against it.
 */

/** The key names are unique by and sorted by: the name lower-cased (`NameTaken` for "Sales" after "sales"). */
export const catalogueNameKey = (name: string): string => name.toLowerCase()

/**
 * Compares by code point, which is UTF-8 byte order: what PostgreSQL's `COLLATE "C"` does. (JavaScript's `<` on
 * strings compares UTF-16 code units, which differs for characters outside the Basic Multilingual Plane.)
 */
export const compareCodePoints = (a: string, b: string): number => {
  const left = Array.from(a)
  const right = Array.from(b)
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0)
    if (diff !== 0) return diff
  }
  return left.length - right.length
}

/** Total order of a catalogue's list: the name key by code point, then the id. */
export const compareCatalogueEntries = <Id extends string>(
  a: CatalogueEntry<Id>,
  b: CatalogueEntry<Id>
): number =>
  compareCodePoints(catalogueNameKey(a.name), catalogueNameKey(b.name)) || compareCodePoints(a.id, b.id)
