import { type ChildProcess, spawn } from "node:child_process"
import { join } from "node:path"
import { type fakeShopify, startFakeShopify } from "@gatehouse/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureBuilt, MAIN, waitFor } from "./support/built.ts"
import { NEW_PASSWORD, tempDataDir } from "./support/server.ts"

/**
 * The built server (`dist/main.js`, a child process, PGlite) with `GATEHOUSE_OUTBOUND_ALLOW=127.0.0.1`: a
 * tenant admin connects the testkit's fake Shopify on 127.0.0.1 through `endpoint`, and the eShop flow runs
 * against it end to end over HTTP. Other private endpoints stay refused.
 */
describe("the built server's eShop flow against the fake Shopify on 127.0.0.1 (GATEHOUSE_OUTBOUND_ALLOW)", () => {
  const data = tempDataDir()
  const output = { text: "" }
  let child: ChildProcess
  let fake: fakeShopify.FakeShopify
  let url = ""
  let token = ""

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
    return { status: response.status, body: (await response.json().catch(() => null)) as any }
  }

  beforeAll(async () => {
    fake = await startFakeShopify()
    await ensureBuilt()
    child = spawn(process.execPath, [MAIN], {
      cwd: data.dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: "0",
        GATEHOUSE_DATA_DIR: join(data.dir, "data"),
        GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1",
        GATEHOUSE_BOOTSTRAP_TENANT: "shop",
        GATEHOUSE_BOOTSTRAP_PRESET: "weevio",
        GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "owner@shop.example",
        GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: NEW_PASSWORD
      },
      stdio: ["ignore", "pipe", "pipe"]
    })
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8").on("data", (chunk: string) => {
        output.text += chunk
      })
    }
    url = (await waitFor(child, output, /Gatehouse listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1]!
    const login = await fetch(`${url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenant: "shop", email: "owner@shop.example", password: NEW_PASSWORD })
    })
    expect(login.status).toBe(200)
    token = ((await login.json()) as { token: string }).token
  }, 120_000)
  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL")
    await fake.close()
    data.remove()
  })

  it("connects the store through endpoint, invites a portal member, reads the status, and refuses private endpoints", async () => {
    const settings = { shopDomain: fake.shopDomain, accessToken: fake.accessToken }
    const connected = await api("PUT", "/v1/settings/shopify", { ...settings, endpoint: fake.endpoint() })
    expect(connected.status).toBe(200)
    expect(connected.body).toMatchObject({ connected: true, endpoint: fake.endpoint() })

    const org = await api("POST", "/v1/organizations", {
      name: "Acme Dental",
      pimsCustomerCode: "C100",
      priceCode: "P7"
    })
    expect(org.status).toBe(201)
    const member = await api("POST", `/v1/organizations/${org.body.id}/members`, {
      email: "pat@acme-dental.example",
      firstName: "Pat",
      lastName: "Portal",
      role: "Limited"
    })
    expect(member.status).toBe(201)
    const eshop = `/v1/organizations/${org.body.id}/members/${member.body.user.id}/eshop`

    expect((await api("GET", eshop)).body).toEqual({ status: "no_account" })
    const invited = await api("POST", `${eshop}/invite`)
    expect(invited.status).toBe(200)
    expect(invited.body.status).toBe("invited")
    expect(fake.customerByEmail("pat@acme-dental.example")?.tags).toEqual(
      expect.arrayContaining(["pims-customer:C100", "price-code:P7"])
    )
    expect(fake.outbox().map((email) => email.to)).toEqual(["pat@acme-dental.example"])
    expect((await api("GET", eshop)).body).toEqual({ status: "invited" })
    expect(fake.requests().length).toBeGreaterThan(0)

    // The allowance is for 127.0.0.1 only: other private or metadata endpoints are refused when saved.
    for (const endpoint of ["http://10.0.0.1/graphql.json", "https://169.254.169.254/latest/meta-data/"]) {
      const refused = await api("PUT", "/v1/settings/shopify", { ...settings, endpoint })
      expect(refused.status).toBe(422)
      expect(refused.body).toMatchObject({ code: "OUTBOUND_URL_REFUSED", errors: [{ path: "endpoint" }] })
    }
    expect((await api("GET", "/v1/settings/shopify")).body.endpoint).toBe(fake.endpoint())
  }, 60_000)
})
