import { DepartmentNotFound, DepartmentRepository } from "@gatehouse/domain"
import { Layer } from "effect"
import type { MemoryStore } from "./MemoryStore.ts"
import { memoryCatalogue } from "./namedCatalogue.ts"
import { Departments, Users } from "./tables.ts"

/** Departments in memory; deleting one leaves its users without a department. */
export const layerMemory: Layer.Layer<DepartmentRepository, never, MemoryStore> = Layer.effect(
  DepartmentRepository,
  memoryCatalogue({
    kind: "department",
    table: Departments,
    notFound: (departmentId) => new DepartmentNotFound({ departmentId }),
    unlinkUsers: (tx, id) => {
      for (const u of [...tx.get(Users).values()].filter((u) => u.departmentId === id))
        tx.set(Users, u.id, { ...u, departmentId: null })
    }
  })
)
