import { describe, expect, it } from "vitest"
import { catalogueFor, localeOf, PRESET_OVERLAYS } from "../src/lib/i18n/i18n.ts"
import { keysOf } from "../src/lib/i18n/merge.ts"
import { de } from "../src/lib/i18n/messages/de.ts"
import { en } from "../src/lib/i18n/messages/en.ts"

const base = keysOf(en)

describe("message catalogues", () => {
  it("German has every key of the English base, and no other", () => {
    const german = keysOf(de)
    expect(base.filter((key) => !german.includes(key))).toEqual([])
    expect(german.filter((key) => !base.includes(key))).toEqual([])
  })

  it("German translates: no English sentence copied over", () => {
    const same = base.filter((key) => {
      const path = key.split(".")
      const read = (tree: unknown) =>
        path.reduce((node, part) => (node as Record<string, unknown>)[part], tree)
      return (
        read(en) === read(de) &&
        !/^(app\.name|app\.navigation|language\.(en|de)|webhooks\.(nav|title|columns\.status))$/u.test(key)
      )
    })
    expect(same).toEqual([])
  })

  it.each(Object.entries(PRESET_OVERLAYS))("the %s overlay only replaces keys of the base", (_, overlay) => {
    for (const words of [overlay.en, overlay.de ?? {}]) {
      const unknown = keysOf(words as never).filter((key) => !base.includes(key))
      expect(unknown).toEqual([])
    }
  })

  it("each preset speaks its document's words; the base stays as it is", () => {
    expect(catalogueFor("en", "weevio").users.add).toBe("Add User")
    expect(catalogueFor("en", "weevio").users.create).toBe("Create User")
    expect(catalogueFor("en", "wetrack").users.title).toBe("Employees")
    expect(catalogueFor("en", "wetrack").users.add).toBe("+Add")
    expect(catalogueFor("en", "weavestream").users.add).toBe("New User")
    expect(catalogueFor("en", "puqcloud").users.add).toBe("+ Create")
    expect(catalogueFor("en", undefined).users.add).toBe("Add user")
    expect(catalogueFor("de", "wetrack").users.title).toBe("Mitarbeiter")
    // a German weevio tenant keeps the German base words where the overlay has no German
    expect(catalogueFor("de", "weevio").changePassword.title).toBe("Passwort ändern")
  })

  it("000's first-login welcome, with the tenant's name in place of the product's", () => {
    expect(catalogueFor("en", "weevio").changePassword.welcome).toBe(
      "Welcome to {{tenantName}}! To ensure your account is secure, please set a new password."
    )
  })

  it("picks the locale from the user's BCP 47 language", () => {
    expect(localeOf("de-AT")).toBe("de")
    expect(localeOf("DE")).toBe("de")
    expect(localeOf("fr")).toBe("en")
    expect(localeOf(null)).toBe("en")
  })
})
