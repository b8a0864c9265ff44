"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Field } from "@/components/console/field";
import { formatDate } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Which release answered advice request X?": the id is in the partner API's response and the chat's records. */
export function AdviceLookup() {
  const trpc = useTRPC();
  const [value, setValue] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const answer = useQuery({
    ...trpc.releases.ofAdvice.queryOptions({ adviceId: asked ?? "" }),
    enabled: asked !== null,
    // An unknown id stays unknown.
    retry: false,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = value.trim();
    if (!UUID.test(id)) return setFormError("An advice request's id is a UUID, e.g. 0b5e…-…; paste it whole.");
    setFormError(null);
    setAsked(id);
  };

  return (
    <Card aria-labelledby="advice-lookup-title">
      <CardHeader>
        <CardTitle id="advice-lookup-title">Which release answered?</CardTitle>
        <CardDescription>
          Paste an advice request&apos;s id (a partner&apos;s adviceId, or a chat record&apos;s).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form aria-label="Release of an advice request" onSubmit={submit} className="flex flex-col gap-2">
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1">
              <Field label="Advice request id">
                {(id) => (
                  <Input
                    id={id}
                    value={value}
                    onChange={(event) => setValue(event.target.value)}
                    aria-invalid={formError !== null}
                    className="font-mono"
                  />
                )}
              </Field>
            </div>
            <Button type="submit" size="sm" variant="outline">
              Look up
            </Button>
          </div>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {asked && answer.isPending ? <p className="text-sm text-muted-foreground">Looking it up…</p> : null}
          {answer.error ? <Alert tone="error">{answer.error.message}</Alert> : null}
          {answer.data ? (
            <Alert tone="info" data-testid="advice-release">
              {answer.data.release ? (
                <>
                  Answered by release <code>{answer.data.release}</code>
                </>
              ) : (
                <>Answered before releases existed (no release recorded)</>
              )}{" "}
              on {formatDate(answer.data.at)} via {answer.data.channel} ({answer.data.status}).
              <span className="mt-1 block text-xs text-muted-foreground">
                {Object.entries(answer.data.versions)
                  .map(([component, version]) => `${component} ${version}`)
                  .join(", ")}
              </span>
            </Alert>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
