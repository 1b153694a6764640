import type { Overlay } from "../messages/en.ts"

/** A preset's words: per language, the keys whose words its product document sets. */
export interface PresetOverlay {
  readonly en: Overlay
  readonly de?: Overlay | undefined
}
