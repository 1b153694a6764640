import { randomBytes } from "node:crypto"
import { join } from "node:path"
import { startGatehouse } from "./support/gatehouseServer.ts"

const root = join(import.meta.dirname, "..", "..", "..")

/**
 * Starts the built server (serving the built console at /) on an empty data folder and a free port, and
 * hands the specs, through the environment their workers inherit, its URL, the platform token and the demo
 * admin it printed.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const platformToken = randomBytes(32).toString("base64url")
  const server = await startGatehouse({
    main: join(root, "apps", "server", "dist", "main.js"),
    platformToken,
    env: {
      GATEHOUSE_CONSOLE_DIR: join(root, "apps", "console", "dist"),
      // the webhooks spec's receiver listens on 127.0.0.1
      GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1",
      GATEHOUSE_WEBHOOK_POLL_MS: "500"
    }
  })
  const page = await fetch(`${server.url}/sign-in`, { headers: { accept: "text/html" } })
  if (!(await page.text()).includes('id="root"')) {
    await server.stop()
    throw new Error(`the server does not serve the console at ${server.url}/sign-in:\n${server.output()}`)
  }
  process.env.GATEHOUSE_E2E_URL = server.url
  process.env.GATEHOUSE_E2E_API = server.url
  process.env.GATEHOUSE_E2E_PLATFORM_TOKEN = platformToken
  process.env.GATEHOUSE_E2E_DEMO = JSON.stringify(server.demo)
  return server.stop
}
