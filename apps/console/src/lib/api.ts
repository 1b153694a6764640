import { createGatehouseClient, type GatehouseClient } from "@gatehouse/client"

/**
 * The one API client of the console: same origin, the session in the HttpOnly cookie (`credentials:
 * same-origin`), never a token in script reach. Components never call it: the features' query hooks do.
 */
export const api: GatehouseClient = createGatehouseClient({
  baseUrl: typeof window === "undefined" ? "http://localhost" : window.location.origin,
  credentials: "same-origin"
})
