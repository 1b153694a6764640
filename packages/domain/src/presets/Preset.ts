import type { PresetName } from "../model/tenant.ts"
import type { PasswordPolicy } from "../password/PasswordPolicy.ts"
import type { RoleTemplate } from "./catalogue.ts"

/** One product of the product documents, expressed as configuration. */
export interface Preset {
  readonly name: PresetName
  readonly roles: ReadonlyArray<RoleTemplate>
  /** The tenant role of the first admin. */
  readonly adminRole: string
  /** The tenant role given to a person created by adding them to an organization (a portal or client user). */
  readonly memberRole: string
  readonly passwordPolicy: PasswordPolicy
  /** Lifetime of setup invitations, in hours. */
  readonly invitationTtlHours: number
  /** Users are only ever created by invitation (no admin-typed passwords). */
  readonly inviteOnly: boolean
  /** External systems whose per-user credentials the product keeps (e.g. "pims"). */
  readonly externalSystems: ReadonlyArray<string>
}
