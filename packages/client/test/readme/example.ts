import { createGatehouseClient, isProblem, ok } from "@gatehouse/client"

// Sign in with a token (a server-side integration; a browser on the same origin relies on the cookie).
export const activeAdmins = async (baseUrl: string, tenant: string, email: string, password: string) => {
  const anonymous = createGatehouseClient({ baseUrl })
  try {
    const { token } = await ok(anonymous.POST("/v1/auth/login", { body: { tenant, email, password } }))
    const client = createGatehouseClient({ baseUrl, token })
    // Paths, query parameters and answers are typed from the OpenAPI document.
    const page = await ok(client.GET("/v1/users", { params: { query: { role: "Admin", status: "active" } } }))
    return page.items.map((user) => user.email)
  } catch (error) {
    // Problems are thrown as GatehouseProblem: decide on the stable `code`, show the `detail`.
    if (isProblem(error, "MFA_REQUIRED")) throw new Error("This account needs its TOTP code: add `totp`.")
    if (isProblem(error, "TOO_MANY_ATTEMPTS")) throw new Error(`Wait ${error.retryAfterSeconds} s.`)
    throw error
  }
}
