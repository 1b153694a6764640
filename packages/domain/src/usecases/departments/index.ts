export * from "./createDepartment.ts"
export * from "./deleteDepartment.ts"
export * from "./listDepartments.ts"
export * from "./updateDepartment.ts"
