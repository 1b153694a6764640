import {
  addGroupMember,
  CreateGroupInput,
  createDepartment,
  createGroup,
  Department,
  DepartmentInput,
  deleteDepartment,
  deleteGroup,
  Group,
  getDepartment,
  getGroup,
  listDepartments,
  listGroups,
  listRoles,
  Role,
  removeGroupMember,
  UpdateGroupInput,
  updateDepartment,
  updateGroup
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { DepartmentParams, GroupMemberParams, GroupParams } from "../schema/requests.ts"
import { list } from "../schema/responses.ts"
import { wholeList } from "./actor.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const MANAGE = "Needs groups:manage."
const READ = "Needs groups:manage or users:read."

/** `/v1/roles`, `/v1/groups[/{id}]` (with members), `/v1/departments[/{id}]`. */
export const catalogueRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/roles",
    tag: "catalogue",
    summary: "The tenant's role catalogue (tenant roles, then organization roles)",
    auth: "session",
    sharedTransaction: true,
    response: list(Role),
    handle: ({ actor }) => listRoles(actor).pipe(Effect.map(wholeList))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/groups",
    tag: "catalogue",
    summary: "The tenant's groups",
    description: READ,
    auth: "session",
    sharedTransaction: true,
    response: list(Group),
    handle: ({ actor }) => listGroups(actor).pipe(Effect.map(wholeList))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/groups/:id",
    tag: "catalogue",
    summary: "One group",
    description: READ,
    auth: "session",
    sharedTransaction: true,
    params: GroupParams,
    response: Group,
    handle: ({ actor, params }) => getGroup(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/groups",
    tag: "catalogue",
    summary: "Create a group",
    description: `${MANAGE} 409 NAME_TAKEN.`,
    auth: "session",
    body: CreateGroupInput,
    status: 201,
    response: Group,
    handle: ({ actor, body }) => createGroup(actor, body)
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/groups/:id",
    tag: "catalogue",
    summary: "Rename a group or change its description",
    description: `${MANAGE} 409 NAME_TAKEN.`,
    auth: "session",
    params: GroupParams,
    body: UpdateGroupInput,
    response: Group,
    handle: ({ actor, params, body }) => updateGroup(actor, params.id, body)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/groups/:id",
    tag: "catalogue",
    summary: "Delete a group (its users leave it)",
    description: MANAGE,
    auth: "session",
    params: GroupParams,
    handle: ({ actor, params }) => deleteGroup(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/groups/:id/members/:userId",
    tag: "catalogue",
    summary: "Put a user into a group (idempotent)",
    description: MANAGE,
    auth: "session",
    params: GroupMemberParams,
    handle: ({ actor, params }) => addGroupMember(actor, params.id, params.userId)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/groups/:id/members/:userId",
    tag: "catalogue",
    summary: "Take a user out of a group (idempotent)",
    description: MANAGE,
    auth: "session",
    params: GroupMemberParams,
    handle: ({ actor, params }) => removeGroupMember(actor, params.id, params.userId)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/departments",
    tag: "catalogue",
    summary: "The tenant's departments",
    description: READ,
    auth: "session",
    sharedTransaction: true,
    response: list(Department),
    handle: ({ actor }) => listDepartments(actor).pipe(Effect.map(wholeList))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/departments/:id",
    tag: "catalogue",
    summary: "One department",
    description: READ,
    auth: "session",
    sharedTransaction: true,
    params: DepartmentParams,
    response: Department,
    handle: ({ actor, params }) => getDepartment(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/departments",
    tag: "catalogue",
    summary: "Create a department",
    description: `${MANAGE} 409 NAME_TAKEN.`,
    auth: "session",
    body: DepartmentInput,
    status: 201,
    response: Department,
    handle: ({ actor, body }) => createDepartment(actor, body)
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/departments/:id",
    tag: "catalogue",
    summary: "Rename a department",
    description: `${MANAGE} 409 NAME_TAKEN.`,
    auth: "session",
    params: DepartmentParams,
    body: DepartmentInput,
    response: Department,
    handle: ({ actor, params, body }) => updateDepartment(actor, params.id, body)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/departments/:id",
    tag: "catalogue",
    summary: "Delete a department (its users leave it)",
    description: MANAGE,
    auth: "session",
    params: DepartmentParams,
    handle: ({ actor, params }) => deleteDepartment(actor, params.id)
  })
}
