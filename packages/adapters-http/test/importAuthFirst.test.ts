import { request as httpRequest } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, makeHarness, newTenant, newUser, type TenantAdmin } from "./support/harness.ts"

/**
 * Issue 12, item 5: `POST /v1/users/import` read and parsed a 43 MiB body before answering 401 to an anonymous
 * caller. Now who calls, and whether they may import, is settled in `onRequest`: the answer comes while the
 * upload has barely started. Each request below announces 43 MiB, sends 1 KiB and then waits: only an answer
 * given before the body is read can arrive.
 */
describe("POST /v1/users/import authenticates and authorizes before the body is read", () => {
  let h: Harness
  let admin: TenantAdmin
  let port = 0
  const ANNOUNCED = 43 * 1024 * 1024

  beforeAll(async () => {
    h = await makeHarness({ importBodyLimit: 50 * 1024 * 1024 })
    admin = await newTenant(h.app)
    await h.app.listen({ port: 0, host: "127.0.0.1" })
    port = (h.app.server.address() as AddressInfo).port
  })
  afterAll(() => h.close())

  /** The status and body of the answer to a stalled upload, or "no answer" after `waitMs`. */
  const stalledUpload = (headers: Record<string, string>, waitMs = 3000) =>
    new Promise<{ status: number; body: string } | "no answer">((resolve, reject) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/v1/users/import",
        headers: { "content-type": "text/csv", "content-length": String(ANNOUNCED), ...headers }
      })
      const timer = setTimeout(() => {
        req.destroy()
        resolve("no answer")
      }, waitMs)
      req.on("response", (response) => {
        let body = ""
        response.setEncoding("utf8")
        response.on("data", (chunk: string) => {
          body += chunk
        })
        response.on("end", () => {
          clearTimeout(timer)
          req.destroy()
          resolve({ status: response.statusCode ?? 0, body })
        })
      })
      req.on("error", (error) => {
        if (!("code" in error && error.code === "ECONNRESET")) reject(error)
      })
      req.write(`Email,First name,Last name,Role\r\n${"x".repeat(1024)}`)
    })

  it("an anonymous caller: 401 UNAUTHENTICATED while the upload has barely started", async () => {
    const answer = await stalledUpload({})
    expect(answer).not.toBe("no answer")
    if (answer === "no answer") return
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body).code).toBe("UNAUTHENTICATED")
  })

  it("a bad token and a user without users:write or users:invite: 401 and 403 FORBIDDEN, as early", async () => {
    const bad = await stalledUpload({ authorization: "Bearer nope.nope" })
    expect(bad).toMatchObject({ status: 401 })
    const regular = await newUser(h.app, admin)
    const forbidden = await stalledUpload({ authorization: `Bearer ${regular.token}` })
    expect(forbidden).not.toBe("no answer")
    if (forbidden === "no answer") return
    expect(forbidden.status).toBe(403)
    expect(JSON.parse(forbidden.body).code).toBe("FORBIDDEN")
  })

  it("an admin's upload is read to its end: a stalled one gets no early answer", async () => {
    expect(await stalledUpload({ authorization: `Bearer ${admin.token}` }, 1500)).toBe("no answer")
  })
})
