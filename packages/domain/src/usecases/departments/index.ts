export * from "./departmentCatalogue.ts"
