export * as Argon2PasswordHasher from "./argon2/PasswordHasher.ts"
export * as CommonPasswords from "./blocklist/CommonPasswords.ts"
export * as AesGcmSecretBox from "./secretbox/SecretBox.ts"
export * as NodeSha256 from "./sha256/Sha256.ts"
