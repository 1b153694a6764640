import type { PresetName } from "../model/tenant.ts"
import type { Preset } from "./Preset.ts"
import { puqcloud } from "./puqcloud.ts"
import { weavestream } from "./weavestream.ts"
import { weevio } from "./weevio.ts"
import { wetrack } from "./wetrack.ts"

export type { RoleTemplate } from "./catalogue.ts"
export type { Preset } from "./Preset.ts"
export { puqcloud, weavestream, weevio, wetrack }

export const presets: Readonly<Record<PresetName, Preset>> = { weevio, wetrack, weavestream, puqcloud }
