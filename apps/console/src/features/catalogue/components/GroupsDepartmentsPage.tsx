import { Button, Card, Group, SimpleGrid, Stack, Table, TextInput, Title } from "@mantine/core"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notifyProblem } from "../../../lib/problems.ts"
import { departmentsQuery, groupsQuery, type Kind, useCatalogueWrites } from "../api/catalogue.ts"

/** 002's Employees & Departments settings: the departments and the user groups, added, renamed, deleted. */
export function GroupsDepartmentsPage() {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={1}>{t("admin.catalogue.title")}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <CatalogueCard kind="departments" />
        <CatalogueCard kind="groups" />
      </SimpleGrid>
    </Stack>
  )
}

function CatalogueCard({ kind }: { readonly kind: Kind }) {
  const { t } = useTranslation()
  const groups = useQuery({ ...groupsQuery, enabled: kind === "groups" })
  const departments = useQuery({ ...departmentsQuery, enabled: kind === "departments" })
  const list = kind === "groups" ? groups : departments
  const { create, rename, remove } = useCatalogueWrites(kind)
  const [name, setName] = useState("")
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work()
    } catch (error) {
      notifyProblem(error, t)
    }
  }
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t(`admin.catalogue.${kind}`)}
        </Title>
        <Table aria-label={t(`admin.catalogue.${kind}`)}>
          <Table.Tbody>
            {(list.data?.items ?? []).map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <TextInput
                    aria-label={t("admin.catalogue.nameOf", { name: item.name })}
                    defaultValue={item.name}
                    onBlur={(event) => {
                      const next = event.currentTarget.value.trim()
                      if (next !== "" && next !== item.name)
                        void attempt(() => rename.mutateAsync({ id: item.id, name: next }))
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red.9"
                    onClick={() => void attempt(() => remove.mutateAsync(item.id))}
                  >
                    {t("admin.catalogue.delete", { name: item.name })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group align="end">
          <TextInput
            label={t(`admin.catalogue.new_${kind}`)}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Button
            disabled={name.trim() === ""}
            loading={create.isPending}
            onClick={() =>
              void attempt(async () => {
                await create.mutateAsync(name.trim())
                setName("")
              })
            }
          >
            {t("admin.catalogue.add")}
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
