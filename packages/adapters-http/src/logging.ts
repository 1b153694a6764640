/**
 * pino `redact` settings for the Fastify instance that registers the plugin (`Fastify({ logger: { redact:
 * gatehouseLogRedaction } })`): whatever a deployment's serializers log, credentials come out censored. The
 * plugin itself never logs headers or bodies; this is the second line.
 */
export const gatehouseLogRedaction: { readonly paths: Array<string>; readonly censor: string } = {
  paths: [
    "req.headers.authorization",
    "req.headers.cookie",
    'res.headers["set-cookie"]',
    "headers.authorization",
    "headers.cookie",
    "*.password",
    "*.newPassword",
    "*.currentPassword",
    "*.token",
    "*.totp",
    "*.totpCode",
    "*.code",
    "*.secret",
    "*.generatedPassword",
    "*.setupUrl",
    "*.recoveryCodes",
    "req.body",
    "body"
  ],
  censor: "[redacted]"
}
