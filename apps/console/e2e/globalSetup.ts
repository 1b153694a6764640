import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startGatehouse } from "./support/gatehouseServer.ts"
import { startMailbox } from "./support/mailbox.ts"
import { startPimsVerifier } from "./support/pimsVerifier.ts"

const root = join(import.meta.dirname, "..", "..", "..")

/**
 * Starts the built server (serving the built console at /) on an empty data folder and a free port, and
 * hands the specs, through the environment their workers inherit, its URL, the platform token and the demo
 * admin it printed. Its emails go through SMTP to a test SMTP server whose messages the specs read from a folder;
 * a fake PIMS verify endpoint (its one address lifted from the outbound rule) answers credential checks.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const platformToken = randomBytes(32).toString("base64url")
  const mailDir = mkdtempSync(join(tmpdir(), "gatehouse-e2e-mail-"))
  const mailbox = await startMailbox(mailDir)
  const pims = await startPimsVerifier()
  const server = await startGatehouse({
    main: join(root, "apps", "server", "dist", "main.js"),
    platformToken,
    env: {
      GATEHOUSE_CONSOLE_DIR: join(root, "apps", "console", "dist"),
      SMTP_URL: mailbox.url,
      // the PIMS fake and the webhooks spec's receiver listen on 127.0.0.1
      GATEHOUSE_OUTBOUND_ALLOW: `${pims.host},127.0.0.1`,
      GATEHOUSE_WEBHOOK_POLL_MS: "500",
      // the sign-in lock spec sends wrong passwords from many addresses, as a proxy on loopback forwards them
      GATEHOUSE_TRUST_PROXY: "loopback"
    }
  })
  const stop = async () => {
    await server.stop()
    // the server logs at warn: what it logged (an undelivered email, a failed call) explains a failed spec
    const logged = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
    if (logged.length > 0)
      process.stderr.write(
        `The e2e server logged ${logged.length} line(s):\n${logged.slice(-50).join("\n")}\n`
      )
    await Promise.all([mailbox.close(), pims.close()])
    rmSync(mailDir, { recursive: true, force: true })
  }
  const page = await fetch(`${server.url}/sign-in`, { headers: { accept: "text/html" } })
  if (!(await page.text()).includes('id="root"')) {
    await stop()
    throw new Error(`the server does not serve the console at ${server.url}/sign-in:\n${server.output()}`)
  }
  process.env.GATEHOUSE_E2E_URL = server.url
  process.env.GATEHOUSE_E2E_API = server.url
  process.env.GATEHOUSE_E2E_PLATFORM_TOKEN = platformToken
  process.env.GATEHOUSE_E2E_DEMO = JSON.stringify(server.demo)
  process.env.GATEHOUSE_E2E_MAIL_DIR = mailDir
  process.env.GATEHOUSE_E2E_PIMS_URL = pims.url
  return stop
}
