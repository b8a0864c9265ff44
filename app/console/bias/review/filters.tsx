"use client";

import { Field } from "@/components/console/field";
import { Input } from "@/components/ui/input";
import type { ReviewFilter } from "./types";

const STATUSES = ["open", "confirmed", "dismissed"] as const;
const UNASSIGNED = "(unassigned)";

/** A date input's value (yyyy-mm-dd, local) as the start of that day, or undefined when empty. */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`) : undefined);
const addDays = (date: Date, days: number) => {
  const moved = new Date(date);
  moved.setDate(moved.getDate() + days);
  return moved;
};
const dayValue = (date: Date | undefined) =>
  date
    ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`
    : "";

/**
 * The queue's filter: the list shows it and the bulk actions act on exactly it. "To" is the day
 * after the last one wanted (the server takes created-before), shown as an inclusive day here.
 */
export function ReviewFilters({
  filter,
  onChange,
}: {
  filter: ReviewFilter;
  onChange: (filter: ReviewFilter) => void;
}) {
  const set = (patch: Partial<ReviewFilter>) => onChange({ ...filter, ...patch });
  const toDay = filter.createdTo ? addDays(filter.createdTo, -1) : undefined;
  return (
    <form
      aria-label="Review queue filters"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label="Status">
        {(id) => (
          <select
            id={id}
            value={filter.status ?? ""}
            onChange={(event) => set({ status: (event.target.value || undefined) as ReviewFilter["status"] })}
            className="h-9 rounded-md border bg-background px-2 text-sm"
          >
            <option value="">any</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Release">
        {(id) => (
          <Input
            id={id}
            value={filter.release ?? ""}
            placeholder="any"
            onChange={(event) => set({ release: event.target.value.trim() || undefined })}
            className="w-36"
          />
        )}
      </Field>
      <Field label="Assignee">
        {(id) => (
          <>
            <Input
              id={id}
              list={`${id}-options`}
              value={filter.assignee === null ? UNASSIGNED : (filter.assignee ?? "")}
              placeholder="anyone"
              onChange={(event) => {
                const value = event.target.value.trim();
                set({ assignee: value === UNASSIGNED ? null : value || undefined });
              }}
              className="w-56"
            />
            <datalist id={`${id}-options`}>
              <option value={UNASSIGNED} />
            </datalist>
          </>
        )}
      </Field>
      <Field label="Min score">
        {(id) => (
          <Input
            id={id}
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={filter.minScore ?? ""}
            onChange={(event) => set({ minScore: event.target.value === "" ? undefined : Number(event.target.value) })}
            className="w-24"
          />
        )}
      </Field>
      <Field label="Created from">
        {(id) => (
          <Input
            id={id}
            type="date"
            value={dayValue(filter.createdFrom)}
            onChange={(event) => set({ createdFrom: dayStart(event.target.value) })}
            className="w-40"
          />
        )}
      </Field>
      <Field label="Created to">
        {(id) => (
          <Input
            id={id}
            type="date"
            value={dayValue(toDay)}
            onChange={(event) => {
              const day = dayStart(event.target.value);
              set({ createdTo: day ? addDays(day, 1) : undefined });
            }}
            className="w-40"
          />
        )}
      </Field>
    </form>
  );
}

/** The filter in words, for the bulk confirmation. */
export function describeFilter(filter: ReviewFilter): string {
  const parts = [
    filter.status ? `status ${filter.status}` : null,
    filter.release ? `release ${filter.release}` : null,
    filter.assignee === null ? "unassigned" : filter.assignee ? `assigned to ${filter.assignee}` : null,
    filter.minScore !== undefined ? `score ≥ ${filter.minScore}` : null,
    filter.createdFrom ? `created from ${dayValue(filter.createdFrom)}` : null,
    filter.createdTo ? `created before ${dayValue(filter.createdTo)}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(", ") : "every item in the queue";
}
