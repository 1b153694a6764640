import {
  eshopActivationUrl,
  eshopAvailability,
  eshopStatus,
  getShopifySettings,
  inviteToEshop,
  PutShopifySettingsInput,
  putShopifySettings,
  resendEshopInvite,
  revokeEshop
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { eshopActivationUrlResponse, eshopInvitationResponse } from "../encode/eshop.ts"
import {
  EshopActivationUrlResponse,
  EshopAvailabilityResponse,
  EshopInvitationResponse,
  EshopStatusResponse,
  ShopifySettingsResponse
} from "../schema/eshop.ts"
import { MemberParams, OrganizationParams } from "../schema/requests.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const WHO =
  "Needs eshop:manage tenant-wide, or in the organization (its Admins). 409 ESHOP_NOT_CONFIGURED without a " +
  "connected store; 502 SHOPIFY_UNAVAILABLE / SHOPIFY_REJECTED when the store fails."

const BASE = "/v1/organizations/:orgId/members/:userId/eshop"

/**
 * A member's access to the tenant's online store (`.../members/{userId}/eshop[/...]`) and the store connection
 * (`/v1/settings/shopify`). The Shopify calls run in the use cases, outside any transaction.
 */
export const eshopRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/organizations/:orgId/eshop",
    tag: "organizations",
    summary: "Whether the organization's members can be given eShop access",
    description:
      "`configured`: the tenant has an online store connected (a portal shows its eShop columns only then). " +
      "Nothing else about the store is answered and Shopify is not called. Needs eshop:manage tenant-wide, or " +
      "in the organization (its Admins).",
    auth: "session",
    params: OrganizationParams,
    response: EshopAvailabilityResponse,
    handle: ({ actor, params }) => eshopAvailability(actor, params.orgId)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: BASE,
    tag: "organizations",
    summary: "A member's eShop status",
    description: `Read live from Shopify: no_account, invited, active or inactive. ${WHO}`,
    auth: "session",
    params: MemberParams,
    response: EshopStatusResponse,
    handle: ({ actor, params }) => eshopStatus(actor, params.orgId, params.userId)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: `${BASE}/invite`,
    tag: "organizations",
    summary: "Give a member access to the eShop and invite them",
    description:
      "Finds or creates the Shopify customer with the organization's tags, then sends the invitation; " +
      "`activationUrl` is answered for the admin to pass on. 409 ESHOP_TAG_CONFLICT when the email belongs to " +
      `another organization's customer (nothing changed), ESHOP_CUSTOMER_CODE_MISSING, ESHOP_MEMBER_INACTIVE. ${WHO}`,
    auth: "session",
    params: MemberParams,
    response: EshopInvitationResponse,
    handle: ({ actor, params }) =>
      inviteToEshop(actor, params.orgId, params.userId).pipe(Effect.map(eshopInvitationResponse))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: `${BASE}/resend`,
    tag: "organizations",
    summary: "Send a member's eShop invitation again",
    description: `409 ESHOP_NOT_INVITED or ESHOP_ALREADY_ACTIVE when there is nothing to resend. ${WHO}`,
    auth: "session",
    params: MemberParams,
    response: EshopStatusResponse,
    handle: ({ actor, params }) => resendEshopInvite(actor, params.orgId, params.userId)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: `${BASE}/revoke`,
    tag: "organizations",
    summary: "Take a member's eShop access away",
    description: `Removes this organization's tags from the Shopify customer; the customer stays. ${WHO}`,
    auth: "session",
    params: MemberParams,
    response: EshopStatusResponse,
    handle: ({ actor, params }) => revokeEshop(actor, params.orgId, params.userId)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: `${BASE}/activation-url`,
    tag: "organizations",
    summary: "A new activation link for an invited member",
    description:
      "Classic customer accounts: a new one-time URL (the emailed one stops working); new customer accounts: " +
      `the store's sign-in URL. 409 ESHOP_NOT_INVITED, ESHOP_ALREADY_ACTIVE. ${WHO}`,
    auth: "session",
    params: MemberParams,
    response: EshopActivationUrlResponse,
    handle: ({ actor, params }) =>
      eshopActivationUrl(actor, params.orgId, params.userId).pipe(Effect.map(eshopActivationUrlResponse))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/settings/shopify",
    tag: "settings",
    summary: "The tenant's Shopify store connection",
    description: "Needs settings:manage. The access token and webhook secret are never answered.",
    auth: "session",
    response: ShopifySettingsResponse,
    handle: ({ actor }) => getShopifySettings(actor)
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/settings/shopify",
    tag: "settings",
    summary: "Connect the tenant's Shopify store",
    description:
      "Needs settings:manage. `accessToken` is required for a newly connected store and kept when absent; " +
      "`webhookSecret`: absent keeps it, null removes it, a new one keeps the old one valid for an hour. " +
      "`endpoint` replaces the Admin API URL (only honoured where the server allows it).",
    auth: "session",
    body: PutShopifySettingsInput,
    response: ShopifySettingsResponse,
    handle: ({ actor, body }) => putShopifySettings(actor, body)
  })
}
