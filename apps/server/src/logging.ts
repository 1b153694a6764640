import { Cause, type Layer, Logger, type LogLevel } from "effect"
import type { FastifyBaseLogger } from "fastify"

const METHOD: Record<LogLevel.LogLevel, "fatal" | "error" | "warn" | "info" | "debug" | "trace" | undefined> =
  {
    All: "trace",
    Fatal: "fatal",
    Error: "error",
    Warn: "warn",
    Info: "info",
    Debug: "debug",
    Trace: "trace",
    None: undefined
  }

const text = (message: unknown): string =>
  (Array.isArray(message) ? message : [message])
    .map((part) => (typeof part === "string" ? part : String(part)))
    .join(" ")

/**
 * Effect's logs (the domain's and the adapters', e.g. the log mailer's emails) written by the server's pino
 * logger, at pino's level and with its redaction, instead of Effect's console format beside pino's JSON.
 */
export const layerPinoLogger = (log: FastifyBaseLogger): Layer.Layer<never> =>
  Logger.layer([
    Logger.make(({ message, logLevel, cause }) => {
      const method = METHOD[logLevel]
      if (method === undefined) return
      if (cause.reasons.length === 0) log[method](text(message))
      else log[method]({ err: Cause.squash(cause) }, text(message))
    })
  ])
