import type { EshopStatus } from "./api/eshop.ts"

/** What the eShop Access column offers for a status (001 "Managing Online Store Access"). */
export interface EshopOffer {
  /** No Account or Inactive: Invite (with its confirmation dialog). */
  readonly invite: boolean
  /** Invited, not yet activated: Resend. */
  readonly resend: boolean
  /** Invited or Active: Revoke removes this organization's tags. */
  readonly revoke: boolean
  /**
   * The options menu's Copy Account Invite URL: only while Invited (the API makes an activation URL only for an
   * invited, not yet activated customer; before that Invite gives the URL, after it there is none).
   */
  readonly copyUrl: boolean
}

export const eshopOffer = (status: EshopStatus): EshopOffer => ({
  invite: status === "no_account" || status === "inactive",
  resend: status === "invited",
  revoke: status === "invited" || status === "active",
  copyUrl: status === "invited"
})

/** The eShop Status badge: 001's word (catalogue key) and a colour that reads on white (axe contrast). */
export const eshopBadge = (
  status: EshopStatus
): { readonly label: `portal.eshop.statuses.${EshopStatus}`; readonly color: string } => ({
  label: `portal.eshop.statuses.${status}`,
  color: { no_account: "gray.7", invited: "indigo.8", active: "teal.9", inactive: "red.9" }[status]
})

/**
 * Whether the page shows the eShop Access and eShop Status columns: the caller may manage store access there and
 * the API says the tenant has a store configured (absent while that answer is unknown or refused).
 */
export const showsEshopColumns = (
  mayManage: boolean,
  availability: { readonly configured: boolean } | undefined
): boolean => mayManage && availability?.configured === true
