import { isProblem } from "@gatehouse/client"
import { Alert, Anchor, Stack, Text } from "@mantine/core"
import { Link } from "@tanstack/react-router"
import { useTranslation } from "react-i18next"
import { problemMessage } from "../lib/problems.ts"

interface Props {
  /** The failure of the link's token, or undefined when the link has no token at all. */
  readonly error: unknown
  /** Whose help to ask: the words differ between an invitation and a password reset. */
  readonly kind: "setup" | "reset" | "verify"
}

/** Why a one-time link does not work (unknown, used, expired), and what to do about it. */
export function TokenProblem({ error, kind }: Props) {
  const { t } = useTranslation()
  const reason =
    error === undefined || isProblem(error, "TOKEN_INVALID", "NOT_FOUND", "VALIDATION")
      ? "invalid"
      : isProblem(error, "TOKEN_USED")
        ? "used"
        : isProblem(error, "TOKEN_EXPIRED")
          ? "expired"
          : undefined
  return (
    <Stack>
      <Alert color="red" role="alert" title={reason === undefined ? undefined : t(`links.${reason}Title`)}>
        {reason === undefined ? problemMessage(error, t) : t(`links.${kind}.${reason}`)}
      </Alert>
      <Text size="sm">
        <Anchor component={Link} to="/sign-in">
          {t("links.toSignIn")}
        </Anchor>
      </Text>
    </Stack>
  )
}
