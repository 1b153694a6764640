import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  getExternalCredentialSettings,
  platformActor,
  putExternalCredentialSettings,
  setExternalCredentialsVerifyUrl
} from "@gatehouse/domain"
import { layerMemory, memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer, Redacted } from "effect"
import { failsUnchanged } from "../users/support.ts"
import { staffTenant } from "./fixtures.ts"

// Issue 12, item 4: every user's PIMS username and password are POSTed to the verify URL, which a tenant admin
// used to set: pointing it at their own server, they read them. It is the platform operator's setting now.

const provide = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    // the innermost layer wins: this fake refuses metadata.example, as the real rule refuses its address
    Effect.provide(memory.OutboundCalls.layerFake({ refusedHosts: ["metadata.example"] })),
    Effect.provide(Layer.fresh(memory.CredentialsVerifier.layer())),
    Effect.provide(Layer.fresh(layerMemory))
  )

const URL_WITH_KEY = "https://pims.example.com/verify?key=abc"

describe("the verify URL is a platform setting", () => {
  it.effect("a tenant admin's verifyUrl is InvalidInput naming the field; nothing changes", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* staffTenant
      for (const input of [
        { verifyUrl: "https://collector.example.com/" },
        { verifyUrl: null },
        { verifyUrl: "https://collector.example.com/", defaultCredentials: null }
      ]) {
        const error = yield* failsUnchanged(putExternalCredentialSettings(adminActor, "pims", input as never))
        assert.strictEqual(error._tag, "InvalidInput")
        if (error._tag === "InvalidInput") {
          assert.deepStrictEqual(error.errors, [
            {
              path: "verifyUrl",
              message: "The verify URL is set by the platform operator, not by a tenant admin"
            }
          ])
        }
      }
    }).pipe(provide)
  )

  it.effect("the platform operator sets and clears it; the tenant admin reads it; defaults stay", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* staffTenant
      yield* putExternalCredentialSettings(adminActor, "pims", {
        defaultCredentials: { username: "shared", password: Redacted.make("shared-secret") }
      })
      const set = yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", {
        verifyUrl: URL_WITH_KEY
      })
      assert.deepStrictEqual(set, {
        system: "pims",
        verifyUrl: URL_WITH_KEY,
        defaultCredentials: { username: "shared" }
      })
      assert.deepStrictEqual(yield* getExternalCredentialSettings(adminActor, "pims"), set)
      const cleared = yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", {
        verifyUrl: null
      })
      assert.strictEqual(cleared.verifyUrl, null)
      assert.deepStrictEqual(cleared.defaultCredentials, { username: "shared" })
      const events = (yield* (yield* AuditLog).query(tenant.id, { limit: 100 })).items.filter(
        (e) => e.actorKind === "platform" && e.action === "external_credentials.settings_updated"
      )
      // both at the same instant of the test clock: compared as a set
      assert.sameDeepMembers(
        events.map((e) => e.details),
        [
          { system: "pims", verifyUrl: "cleared" },
          { system: "pims", verifyUrl: "set" }
        ]
      )
      assert.notInclude(JSON.stringify(events), "key=abc")
    }).pipe(provide)
  )

  it.effect("nobody but the platform; unknown tenants and systems; the outbound rule", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* staffTenant
      const byAdmin = yield* failsUnchanged(
        setExternalCredentialsVerifyUrl(adminActor, tenant.slug, "pims", { verifyUrl: URL_WITH_KEY })
      )
      assert.strictEqual(byAdmin._tag, "Forbidden")
      const unknownTenant = yield* failsUnchanged(
        setExternalCredentialsVerifyUrl(platformActor, "no-such-tenant", "pims", { verifyUrl: URL_WITH_KEY })
      )
      assert.strictEqual(unknownTenant._tag, "TenantNotFound")
      const unknownSystem = yield* failsUnchanged(
        setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "sap", { verifyUrl: URL_WITH_KEY })
      )
      assert.strictEqual(unknownSystem._tag, "ExternalSystemNotFound")
      const refused = yield* failsUnchanged(
        setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", {
          verifyUrl: "https://metadata.example/latest"
        })
      )
      assert.strictEqual(refused._tag, "OutboundUrlRefused")
      if (refused._tag === "OutboundUrlRefused") assert.strictEqual(refused.path, "verifyUrl")
      const wetrack = (yield* seedTenant({ preset: "wetrack" })).tenant
      const noPims = yield* failsUnchanged(
        setExternalCredentialsVerifyUrl(platformActor, wetrack.slug, "pims", { verifyUrl: URL_WITH_KEY })
      )
      assert.strictEqual(noPims._tag, "ExternalSystemNotFound")
    }).pipe(provide)
  )
})
