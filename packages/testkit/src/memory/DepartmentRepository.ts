import { type Department, DepartmentNotFound, DepartmentRepository, NameTaken } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, type State, setIn } from "./MemoryStore.ts"

const nameClash = (s: State, department: Department) =>
  [...s.departments.values()].some(
    (d) =>
      d.tenantId === department.tenantId &&
      d.id !== department.id &&
      d.name.toLowerCase() === department.name.toLowerCase()
  )

export const layerMemory: Layer.Layer<DepartmentRepository, never, MemoryStore> = Layer.effect(
  DepartmentRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return DepartmentRepository.of({
      insert: (department) =>
        store.write((s) =>
          nameClash(s, department)
            ? fail(new NameTaken({ kind: "department", name: department.name }))
            : ok(department, { ...s, departments: setIn(s.departments, department.id, department) })
        ),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.fromNullishOr(s.departments.get(id)).pipe(Option.filter((d) => d.tenantId === tenantId))
        ),
      update: (department) =>
        store.write((s) => {
          const current = s.departments.get(department.id)
          if (current === undefined || current.tenantId !== department.tenantId)
            return fail(new DepartmentNotFound({ departmentId: department.id }))
          if (nameClash(s, department))
            return fail(new NameTaken({ kind: "department", name: department.name }))
          return ok(department, { ...s, departments: setIn(s.departments, department.id, department) })
        }),
      delete: (tenantId, id) =>
        store.write((s) => {
          const current = s.departments.get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new DepartmentNotFound({ departmentId: id }))
          let users = s.users
          for (const u of [...s.users.values()].filter((u) => u.departmentId === id))
            users = setIn(users, u.id, { ...u, departmentId: null })
          return ok(undefined, { ...s, departments: setIn(s.departments, id, undefined), users })
        }),
      list: (tenantId) =>
        store.read((s) =>
          [...s.departments.values()]
            .filter((d) => d.tenantId === tenantId)
            .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
        )
    })
  })
)
