import type { SwaggerOptions } from "@fastify/swagger"
import { SESSION_COOKIE } from "./auth/sessionCookie.ts"

/** The OpenAPI 3.1 document's frame; the paths come from the route schemas (derived from the domain's Schemas). */
export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse API",
      version: "1.0.0",
      description:
        "User, role and membership management for multi-tenant B2B products. Errors are RFC 9457 " +
        "application/problem+json with a stable `code`; unknown properties are rejected (400 VALIDATION)."
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "A session token from POST /v1/auth/login"
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        platformToken: {
          type: "http",
          scheme: "bearer",
          description: "The platform token (GATEHOUSE_PLATFORM_TOKEN)"
        }
      }
    },
    tags: [
      { name: "auth", description: "Log in and out" },
      { name: "me", description: "The caller's own profile, password, TOTP and credentials" },
      { name: "password-policy", description: "The tenant's password policy" },
      { name: "users", description: "Users of the tenant (administrators)" },
      { name: "setup", description: "Account setup with a one-time token" },
      { name: "organizations", description: "Organizations and their members" },
      { name: "settings", description: "Tenant settings" },
      { name: "catalogue", description: "Roles, groups and departments" },
      { name: "audit", description: "The audit trail" },
      {
        name: "overview",
        description: "The home page's figures (users by status, sign-ins, expiring memberships)"
      },
      { name: "tenants", description: "Tenants (platform operator)" },
      { name: "webhooks", description: "Deliveries from outside systems (Shopify), signed by them" },
      { name: "operations", description: "Health, readiness and this document" }
    ]
  }
}
