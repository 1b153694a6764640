import { createCipheriv, createDecipheriv, type KeyObject } from "node:crypto"

/** GCM nonce length: 96 bits, the length GCM is specified for (others go through an extra GHASH). */
export const IV_BYTES = 12
/** Full 128-bit tag; Node would otherwise accept truncated tags on decryption. */
export const TAG_BYTES = 16

/** AES-256-GCM encryption: returns ciphertext followed by the 16-byte tag. */
export const aes256GcmSeal = (
  key: KeyObject | Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array
): Buffer => {
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
}

/** AES-256-GCM decryption of ciphertext || tag; `undefined` when authentication fails. */
export const aes256GcmOpen = (
  key: KeyObject | Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array
): Buffer | undefined => {
  if (sealed.length < TAG_BYTES) return undefined
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
  } catch {
    return undefined
  }
}
