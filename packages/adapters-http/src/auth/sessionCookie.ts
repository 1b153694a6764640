import type { FastifyReply } from "fastify"

/** The cookie that carries the session token for browsers (the same `<id>.<secret>` as the bearer token). */
export const SESSION_COOKIE = "gatehouse_session"

const attributes = (secure: boolean) => ({ httpOnly: true, sameSite: "lax", path: "/", secure }) as const

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when served over https, ending with the session. */
export const setSessionCookie = (
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  options: { readonly secure: boolean }
): void => {
  reply.setCookie(SESSION_COOKIE, token, { ...attributes(options.secure), expires: expiresAt })
}

/** Removes the session cookie (logout, or a change that ended every session of the user). */
export const clearSessionCookie = (reply: FastifyReply, options: { readonly secure: boolean }): void => {
  reply.clearCookie(SESSION_COOKIE, attributes(options.secure))
}
