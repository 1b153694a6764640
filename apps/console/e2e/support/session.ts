import type { BrowserContext } from "@playwright/test"
import { apiUrl } from "./api.ts"

/**
 * Puts a session the fixtures signed in through the API into a browser context as its `gatehouse_session`
 * cookie (HttpOnly, as the server sets it): the context is then signed in as that person, in that session.
 */
export const useSession = async (context: BrowserContext, token: string): Promise<void> => {
  await context.addCookies([
    { name: "gatehouse_session", value: token, url: apiUrl(), httpOnly: true, sameSite: "Lax" }
  ])
}
