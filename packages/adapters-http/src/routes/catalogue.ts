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
import { namedCatalogueRoutes } from "./namedCatalogue.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const MANAGE = "Needs groups:manage."

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

  namedCatalogueRoutes(app, deps, {
    path: "/v1/groups",
    params: GroupParams,
    entry: Group,
    createInput: CreateGroupInput,
    updateInput: UpdateGroupInput,
    summaries: {
      list: "The tenant's groups",
      get: "One group",
      create: "Create a group",
      update: "Rename a group or change its description",
      remove: "Delete a group (its users leave it)"
    },
    list: listGroups,
    get: getGroup,
    create: createGroup,
    update: updateGroup,
    remove: deleteGroup
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

  namedCatalogueRoutes(app, deps, {
    path: "/v1/departments",
    params: DepartmentParams,
    entry: Department,
    createInput: DepartmentInput,
    updateInput: DepartmentInput,
    summaries: {
      list: "The tenant's departments",
      get: "One department",
      create: "Create a department",
      update: "Rename a department",
      remove: "Delete a department (its users leave it)"
    },
    list: listDepartments,
    get: getDepartment,
    create: createDepartment,
    update: updateDepartment,
    remove: deleteDepartment
  })
}
