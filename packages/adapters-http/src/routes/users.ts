import {
  type CreateUserInput,
  createUser,
  deleteUser,
  getUser,
  type InitialCredential,
  InvalidInput,
  type ListUsersQuery,
  listUsers,
  UserDetails,
  type UserPatch,
  UserView,
  updateUser
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { createdUserResponse } from "../encode/responses.ts"
import { ifMatchHeaderSchema, ifMatchVersion, setEtag } from "../http/etag.ts"
import {
  type CreateUserBody,
  CreateUserBody as CreateUserBodySchema,
  ListUsersParams,
  UserParams,
  type UserPatchBody,
  UserPatchBody as UserPatchBodySchema
} from "../schema/requests.ts"
import { CreatedUserResponse, page } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** The one way in the body chose: a typed password, a generated one, or a setup invitation. */
const credentialOf = (body: CreateUserBody): Effect.Effect<InitialCredential, InvalidInput> => {
  const chosen: Array<InitialCredential> = [
    ...(body.password === undefined ? [] : [{ _tag: "Password", password: body.password } as const]),
    ...(body.generatePassword === true ? [{ _tag: "Generate" } as const] : []),
    ...(body.invite === true ? [{ _tag: "Invite" } as const] : [])
  ]
  return chosen.length === 1
    ? Effect.succeed(chosen[0]!)
    : Effect.fail(
        new InvalidInput({
          errors: [
            { path: "", message: "Give exactly one of password, generatePassword: true and invite: true" }
          ]
        })
      )
}

/** The contract's `department` and `groups` are the use case's `departmentId` and `groupIds`. */
const createInput = (body: CreateUserBody, credential: InitialCredential): CreateUserInput => {
  const { department, groups, password: _p, generatePassword: _g, invite: _i, ...profile } = body
  return {
    ...profile,
    ...(department === undefined ? {} : { departmentId: department }),
    ...(groups === undefined ? {} : { groupIds: groups }),
    credential
  }
}

/** `PATCH /v1/users/{id}`'s body (also a bulk update's `patch`) as the use case takes it. */
export const patchInput = (body: UserPatchBody): UserPatch => {
  const { department, groups, ...rest } = body
  return {
    ...rest,
    ...(department === undefined ? {} : { departmentId: department }),
    ...(groups === undefined ? {} : { groupIds: groups })
  }
}

/** `/v1/users` and `/v1/users/{id}`: list, create, read (ETag), edit (If-Match), delete. */
export const userRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/users",
    tag: "users",
    summary: "List users (filter, sort, cursor pagination)",
    description:
      "`total` counts every user matching the filter; `kind` picks employees or external users. Needs users:read.",
    auth: "session",
    sharedTransaction: true,
    query: ListUsersParams,
    response: page(UserView),
    handle: ({ actor, query }) => {
      const { department, group, ...rest } = query
      const input: ListUsersQuery = {
        ...rest,
        ...(department === undefined ? {} : { departmentId: department }),
        ...(group === undefined ? {} : { groupId: group })
      }
      return listUsers(actor, input)
    }
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/users",
    tag: "users",
    summary: "Create a user",
    description:
      "Exactly one of `password`, `generatePassword: true` (answered once as `generatedPassword`) and " +
      "`invite: true` (answered once as `setupUrl`, also emailed; with `sendInvitation: false` no link is " +
      "issued: send it later with POST /v1/users/{id}/setup-link). `active: false` creates the user " +
      "disabled; `kind` is employee (default) or external. 409 EMAIL_TAKEN; 422 PASSWORD_POLICY.",
    auth: "session",
    body: CreateUserBodySchema,
    status: 201,
    response: CreatedUserResponse,
    handle: ({ actor, body }) =>
      credentialOf(body).pipe(
        Effect.flatMap((credential) => createUser(actor, createInput(body, credential))),
        Effect.map(createdUserResponse)
      )
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/users/:id",
    tag: "users",
    summary: "One user with their memberships",
    description: 'ETag: W/"<version>"; send it back as If-Match to PATCH.',
    auth: "session",
    sharedTransaction: true,
    params: UserParams,
    response: UserDetails,
    handle: ({ actor, params }) => getUser(actor, params.id),
    onSuccess: (reply, user) => setEtag(reply, user.version)
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/users/:id",
    tag: "users",
    summary: "Edit a user",
    description:
      "If-Match is required: 428 PRECONDITION_REQUIRED without it, 412 VERSION_CONFLICT when the user changed " +
      "since. `email` -> 422 EMAIL_IMMUTABLE. Admin-only fields need users:write, and nobody changes their own " +
      "(403 CANNOT_EDIT_OWN_ADMIN_FIELDS). Another user who holds a permission the caller lacks: 403 " +
      "ROLE_ESCALATION.",
    auth: "session",
    params: UserParams,
    headers: ifMatchHeaderSchema(true),
    body: UserPatchBodySchema,
    response: UserDetails,
    handle: ({ actor, params, body, request }) =>
      ifMatchVersion(request, { required: true }).pipe(
        Effect.flatMap((version) => updateUser(actor, params.id, patchInput(body), version!))
      ),
    onSuccess: (reply, user) => setEtag(reply, user.version)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/users/:id",
    tag: "users",
    summary: "Delete a user for good",
    description: "Needs users:delete. CANNOT_DELETE_SELF, LAST_ADMIN.",
    auth: "session",
    params: UserParams,
    handle: ({ actor, params }) => deleteUser(actor, params.id)
  })
}
