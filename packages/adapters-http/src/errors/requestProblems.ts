import type { ProblemEntry } from "./problemEntry.ts"

// Server-side faults that no client input causes: answered with fixed text, logged in full.
const internal: ProblemEntry<unknown> = {
  status: 500,
  code: "INTERNAL",
  title: "Internal error",
  detail: "The request could not be completed."
}

/** Answers of failures found before any route runs (Fastify's parsing, routing and rate limiting). */
export const requestProblems = {
  malformedJson: {
    status: 400,
    code: "MALFORMED_JSON",
    title: "Malformed JSON",
    detail: "The request body is not valid JSON."
  },
  badRequest: { status: 400, code: "BAD_REQUEST", title: "Bad request", detail: "The request is not valid." },
  routeNotFound: {
    status: 404,
    code: "NOT_FOUND",
    title: "Not found",
    detail: "No route matches this method and path."
  },
  payloadTooLarge: {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    title: "Payload too large",
    detail: "The request body is too large."
  },
  uriTooLong: {
    status: 414,
    code: "URI_TOO_LONG",
    title: "URI too long",
    detail: "A path parameter is longer than the server accepts."
  },
  unsupportedMediaType: {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    title: "Unsupported media type",
    detail: "Send the body as application/json (the users import also takes text/csv)."
  },
  shuttingDown: {
    status: 503,
    code: "SHUTTING_DOWN",
    title: "Shutting down",
    detail: "The server is stopping; send the request again (another instance, or this one once restarted)."
  },
  rateLimited: {
    status: 429,
    code: "RATE_LIMITED",
    title: "Too many requests",
    detail: "Too many requests from this address; wait before trying again."
  },
  csrfRejected: {
    status: 403,
    code: "CSRF_REJECTED",
    title: "Cross-site request refused",
    detail:
      "A browser sent this request from another site: send it from the console's own origin, or authenticate with a bearer token."
  },
  internal
} as const satisfies Readonly<Record<string, ProblemEntry<unknown>>>
