import { InvalidInput } from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyReply, FastifyRequest } from "fastify"
import { PreconditionRequired } from "../errors/httpErrors.ts"

/** The ETag of a versioned resource: weak, since it names the version, not the bytes. */
export const weakEtag = (version: number): string => `W/"${version}"`

export const setEtag = (reply: FastifyReply, version: number): void => {
  reply.header("ETag", weakEtag(version))
}

const IF_MATCH = /^(?:W\/)?"(\d{1,15})"$/u

/**
 * The version named by `If-Match` (`W/"<version>"` as sent by GET, or `"<version>"`). Absent: `undefined`, or
 * 428 PRECONDITION_REQUIRED when the route requires it. `*` and lists are refused: an update must name the
 * version it was based on.
 */
export const ifMatchVersion = (
  request: FastifyRequest,
  options: { readonly required: boolean }
): Effect.Effect<number | undefined, PreconditionRequired | InvalidInput> => {
  const header = request.headers["if-match"]
  if (header === undefined || header === "") {
    return options.required
      ? Effect.fail(new PreconditionRequired({ header: "If-Match" }))
      : Effect.succeed(undefined)
  }
  const match = IF_MATCH.exec(header.trim())
  return match === null
    ? Effect.fail(
        new InvalidInput({
          errors: [{ path: "If-Match", message: 'Expected the ETag of a read, e.g. W/"3"' }]
        })
      )
    : Effect.succeed(Number(match[1]))
}

/** The OpenAPI description of an `If-Match` request header. */
export const ifMatchHeaderSchema = (required: boolean) => ({
  type: "object",
  properties: { "if-match": { type: "string", description: 'The ETag of the read, e.g. W/"3"' } },
  ...(required ? { required: ["if-match"] } : {})
})
