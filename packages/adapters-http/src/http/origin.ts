import type { RequestOrigin } from "@gatehouse/domain"
import type { FastifyRequest } from "fastify"

/**
 * The client address a request comes from, for the throttle and the per-address limits: Fastify's
 * `request.ip`, which is the TCP peer unless `trustProxy` (GATEHOUSE_TRUST_PROXY) names the proxies whose
 * `X-Forwarded-For` may be believed. A spoofed header from an untrusted peer changes nothing.
 */
export const originOf = (request: Pick<FastifyRequest, "ip">): RequestOrigin => ({
  clientAddress: request.ip
})
