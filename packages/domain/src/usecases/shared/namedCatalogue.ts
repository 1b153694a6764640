import { type Context, Effect, Option, type Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import { newId } from "../../model/newId.ts"
import type { CatalogueEntry, CatalogueStore } from "../../ports/CatalogueStore.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate, requirePermission } from "./ActorContext.ts"
import { type AuditEntry, auditBy } from "./audit.ts"
import { authenticateCatalogueReader } from "./catalogueRead.ts"
import { transactional } from "./transaction.ts"

type Details = NonNullable<AuditEntry["details"]>

/** What distinguishes one named catalogue (groups, departments) from another. */
export interface NamedCatalogueSpec<
  Id extends string,
  Entry extends CatalogueEntry<Id>,
  NotFound,
  Store,
  CreateInput extends { readonly name: string },
  UpdateInput
> {
  /** The audit actions' and targets' prefix, e.g. `group` for `group.created`. */
  readonly kind: "group" | "department"
  /** The use cases' names (traces), e.g. `Group` for `createGroup`, `Departments` for `listDepartments`. */
  readonly names: { readonly one: string; readonly many: string }
  readonly store: Context.Key<Store, CatalogueStore<Id, Entry, NotFound>>
  readonly notFound: (id: Id) => NotFound
  readonly createInput: Schema.Decoder<CreateInput>
  readonly updateInput: Schema.Decoder<UpdateInput>
  /** The new entry from the decoded input and what every entry has. */
  readonly create: (input: CreateInput, base: CatalogueEntry<Id>) => Entry
  /** The audit details of a change. */
  readonly updatedDetails: (before: Entry, after: Entry, input: UpdateInput) => Details
}

/**
 * The use cases of a named catalogue, written once: create, update and delete need `groups:manage` (groups and
 * departments are managed together); list and get need `groups:manage` or `users:read`. Each is one transaction
 * with its audit event; `NameTaken` (any casing) comes from the store.
 */
export const namedCatalogue = <
  Id extends string,
  Entry extends CatalogueEntry<Id>,
  NotFound,
  Store,
  CreateInput extends { readonly name: string },
  UpdateInput
>(
  spec: NamedCatalogueSpec<Id, Entry, NotFound, Store, CreateInput, UpdateInput>
) => {
  const { kind, names, store } = spec
  const find = Effect.fnUntraced(function* (tenantId: Entry["tenantId"], id: Id) {
    const found = yield* (yield* store).findById(tenantId, id)
    return Option.isSome(found) ? found.value : yield* Effect.fail(spec.notFound(id))
  })

  const create = Effect.fn(`create${names.one}`)(function* (actor: Actor, input: CreateInput) {
    return yield* transactional(
      Effect.gen(function* () {
        const context = yield* authenticate(actor)
        yield* requirePermission(context, "groups:manage")
        const data = yield* decodeInput(spec.createInput, input)
        const entry = yield* (yield* store).insert(
          spec.create(data, {
            id: yield* newId<Id>(),
            tenantId: context.tenant.id,
            name: data.name,
            createdAt: context.now,
            updatedAt: context.now
          })
        )
        yield* auditBy(context, {
          action: `${kind}.created`,
          targetType: kind,
          targetId: entry.id,
          details: { name: entry.name }
        })
        return entry
      })
    )
  })

  const update = Effect.fn(`update${names.one}`)(function* (actor: Actor, id: Id, input: UpdateInput) {
    return yield* transactional(
      Effect.gen(function* () {
        const context = yield* authenticate(actor)
        yield* requirePermission(context, "groups:manage")
        const data = yield* decodeInput(spec.updateInput, input)
        const before = yield* find(context.tenant.id, id)
        const after = yield* (yield* store).update({ ...before, ...data, updatedAt: context.now })
        yield* auditBy(context, {
          action: `${kind}.updated`,
          targetType: kind,
          targetId: id,
          details: spec.updatedDetails(before, after, data)
        })
        return after
      })
    )
  })

  const remove = Effect.fn(`delete${names.one}`)(function* (actor: Actor, id: Id) {
    return yield* transactional(
      Effect.gen(function* () {
        const context = yield* authenticate(actor)
        yield* requirePermission(context, "groups:manage")
        const before = yield* find(context.tenant.id, id)
        yield* (yield* store).delete(context.tenant.id, id)
        yield* auditBy(context, {
          action: `${kind}.deleted`,
          targetType: kind,
          targetId: id,
          details: { name: before.name },
          resource: before
        })
      })
    )
  })

  const list = Effect.fn(`list${names.many}`)(function* (actor: Actor) {
    return yield* transactional(
      Effect.gen(function* () {
        const context = yield* authenticateCatalogueReader(actor)
        return yield* (yield* store).list(context.tenant.id)
      })
    )
  })

  const get = Effect.fn(`get${names.one}`)(function* (actor: Actor, id: Id) {
    return yield* transactional(
      Effect.gen(function* () {
        const context = yield* authenticateCatalogueReader(actor)
        return yield* find(context.tenant.id, id)
      })
    )
  })

  return { create, update, remove, list, get }
}
