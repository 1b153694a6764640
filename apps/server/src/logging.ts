import { Cause, type Layer, Logger, type LogLevel } from "effect"
import type { FastifyBaseLogger } from "fastify"
import pretty from "pino-pretty"

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

/** How the server writes its log lines. */
export type LogFormat = "pretty" | "json"

/**
 * Readable lines for a person at a terminal (`npm start`), JSON lines for everything else (a pipe, a file, a
 * container's log collector), as pino writes them.
 */
export const logFormat = (stdout: { readonly isTTY?: boolean | undefined }): LogFormat =>
  stdout.isTTY === true ? "pretty" : "json"

// "incoming request GET /v1/me", "request completed 200 in 12 ms": a request's facts in the sentence.
const withRequest = (log: Record<string, unknown>, messageKey: string): string => {
  const req = log.req as { readonly method?: string; readonly url?: string } | undefined
  const res = log.res as { readonly statusCode?: number } | undefined
  const took = typeof log.responseTime === "number" ? ` in ${Math.round(log.responseTime)} ms` : ""
  return [
    String(log[messageKey] ?? ""),
    req === undefined ? "" : `${req.method} ${req.url}`,
    res === undefined ? "" : `${res.statusCode}${took}`
  ]
    .filter((part) => part !== "")
    .join(" ")
}

/**
 * pino-pretty in the main thread (no transport worker to find in node_modules): time, level and message on
 * one line, a request's method, URL and status in it. Redaction happens before, in pino: the same paths are
 * censored.
 */
export const prettyLogStream = (destination: NodeJS.WritableStream = process.stdout) =>
  pretty({
    destination,
    colorize: destination === process.stdout && process.stdout.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,reqId,req,res,responseTime",
    messageFormat: withRequest,
    singleLine: true,
    sync: true
  })
