import type {
  AuditEvent,
  Department,
  DepartmentId,
  Group,
  GroupId,
  Membership,
  Organization,
  OrganizationId,
  Role,
  Tenant,
  TenantId,
  User,
  UserId
} from "@gatehouse/domain"
import { listTable, mapTable } from "./MemoryStore.ts"

/** The tables several ports of the in-memory store read (each other table belongs to the one port that uses it). */
export const Tenants = mapTable<TenantId, Tenant>("tenants")
export const Users = mapTable<UserId, User>("users")
export const Roles = listTable<Role>("roles")
export const Organizations = mapTable<OrganizationId, Organization>("organizations")
/** Keyed by `${organizationId}/${userId}`. */
export const Memberships = mapTable<string, Membership>("memberships")
export const Groups = mapTable<GroupId, Group>("groups")
export const Departments = mapTable<DepartmentId, Department>("departments")
export const Audit = listTable<AuditEvent>("audit")
