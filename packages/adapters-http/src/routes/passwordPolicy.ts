import {
  checkPasswordForActor,
  getPasswordPolicy,
  PasswordPolicy,
  UpdatePasswordPolicyInput,
  updatePasswordPolicy
} from "@gatehouse/domain"
import type { FastifyInstance } from "fastify"
import { CheckPasswordBody } from "../schema/requests.ts"
import { PasswordCheckResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/password-policy`: read (also from a password_change session), replace (settings:manage), check. */
export const passwordPolicyRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/password-policy",
    tag: "password-policy",
    summary: "The tenant's password policy",
    auth: "session",
    response: PasswordPolicy,
    handle: ({ actor }) => getPasswordPolicy(actor)
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/password-policy",
    tag: "password-policy",
    summary: "Replace the password policy with a preset or explicit rules",
    description: "Needs settings:manage. Existing passwords are not re-checked.",
    auth: "session",
    body: UpdatePasswordPolicyInput,
    response: PasswordPolicy,
    handle: ({ actor, body }) => updatePasswordPolicy(actor, body)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/password-policy/check",
    tag: "password-policy",
    summary: "Check a candidate password against every rule (live check-marks)",
    description: "Writes nothing; the password is never logged.",
    auth: "session",
    body: CheckPasswordBody,
    response: PasswordCheckResponse,
    handle: ({ actor, body }) => checkPasswordForActor(actor, body.password)
  })
}
