import { DepartmentNotFound, DepartmentRepository } from "@gatehouse/domain"
import { Layer } from "effect"
import type { MemoryStore } from "./MemoryStore.ts"
import { setIn } from "./MemoryStore.ts"
import { memoryCatalogue } from "./namedCatalogue.ts"

/** Departments in memory; deleting one leaves its users without a department. */
export const layerMemory: Layer.Layer<DepartmentRepository, never, MemoryStore> = Layer.effect(
  DepartmentRepository,
  memoryCatalogue({
    kind: "department",
    entries: (s) => s.departments,
    withEntries: (s, departments) => ({ ...s, departments }),
    notFound: (departmentId) => new DepartmentNotFound({ departmentId }),
    unlinkUsers: (s, id) => {
      let users = s.users
      for (const u of [...s.users.values()].filter((u) => u.departmentId === id))
        users = setIn(users, u.id, { ...u, departmentId: null })
      return { ...s, users }
    }
  })
)
