import { ORGANIZATION_SLUG_MAX, type OrganizationSlug } from "../model/organization.ts"

/** The slug of an organization whose name has no letter or digit left after folding. */
export const FALLBACK_SLUG = "organization" as OrganizationSlug

/**
 * The slug a name suggests: accents folded to ASCII, lower-cased, every run of anything else than `a-z0-9`
 * one hyphen, none at either end, cut to leave room for the longest suffix a collision may need.
 */
export const slugFromName = (name: string): OrganizationSlug => {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
  const cut = folded.slice(0, ORGANIZATION_SLUG_MAX - 8).replace(/-+$/g, "")
  return (cut === "" ? FALLBACK_SLUG : cut) as OrganizationSlug
}

/** The `n`-th candidate for a base slug: the base itself, then `base-2`, `base-3` ... */
export const slugCandidate = (base: OrganizationSlug, n: number): OrganizationSlug =>
  (n <= 1 ? base : `${base}-${n}`) as OrganizationSlug
