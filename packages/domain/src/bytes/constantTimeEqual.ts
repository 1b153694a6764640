// One loop for both forms: the branch on the type is the same for every unit, so the running time depends
// only on the lengths, never on where the inputs differ.
const unitAt = (value: string | Uint8Array, i: number): number =>
  typeof value === "string" ? value.charCodeAt(i) : value[i]!

const equalUnits = (a: string | Uint8Array, b: string | Uint8Array): boolean => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= unitAt(a, i) ^ unitAt(b, i)
  return difference === 0
}

/**
 * Compares two strings (by UTF-16 code unit) in time that depends only on their lengths, not on where they
 * differ: a code or a hash compared with `===` leaks the length of the matching prefix through timing.
 */
export const constantTimeEqual = (a: string, b: string): boolean => equalUnits(a, b)

/** `constantTimeEqual` for bytes, e.g. a digest against a stored hash. */
export const constantTimeEqualBytes = (a: Uint8Array, b: Uint8Array): boolean => equalUnits(a, b)
