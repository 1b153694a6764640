/**
 * Compares two strings in time that depends only on their lengths, not on where they differ (a code or a
 * hash compared with `===` leaks the length of the matching prefix through timing).
 */
export const constantTimeEqual = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}
