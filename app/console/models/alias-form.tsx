"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { RegistryModel } from "./types";
import { useRefreshRegistry } from "./use-refresh-registry";

/** Points one of the model's aliases (new or existing) at one of its versions. Enter submits, Escape cancels. */
export function AliasForm({
  model,
  onDone,
  onCancel,
}: {
  model: RegistryModel;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistry();
  const latest = model.versions.at(-1)?.version ?? "";
  const [alias, setAlias] = useState("staging");
  const [version, setVersion] = useState(latest);
  const move = useMutation(
    trpc.registry.setAlias.mutationOptions({
      onSuccess: () => {
        void refresh();
        onDone(`${model.name}: ${alias.trim()} now points at ${version}.`);
      },
    }),
  );
  const aliasId = useId();
  const versionId = useId();
  const listId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!move.isPending) move.mutate({ model: model.name, alias: alias.trim(), version });
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || move.isPending) return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form
      aria-label={`Move an alias of ${model.name}`}
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      className="flex flex-col gap-2 rounded-md border bg-muted/30 p-3"
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor={aliasId}>Alias</Label>
          <Input
            id={aliasId}
            value={alias}
            list={listId}
            autoFocus
            onChange={(event) => setAlias(event.target.value)}
            className="w-48"
          />
          <datalist id={listId}>
            {[...new Set(["staging", ...model.aliases.map((a) => a.alias)])].map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={versionId}>Version</Label>
          <select
            id={versionId}
            value={version}
            onChange={(event) => setVersion(event.target.value)}
            className="h-9 rounded-md border bg-background px-2 text-sm"
          >
            {[...model.versions].reverse().map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" size="sm" disabled={move.isPending}>
          {move.isPending ? "Moving…" : "Move alias"}
        </Button>
        <Button type="button" variant="ghost" size="sm" disabled={move.isPending} onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        A model alias labels a version for the team; what serves borrowers is the release in production (see Releases).
      </p>
      {move.error ? <Alert tone="error">{move.error.message}</Alert> : null}
    </form>
  );
}
