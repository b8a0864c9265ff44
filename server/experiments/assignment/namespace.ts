import { hash } from "./hash";

/**
 * A slice of traffic that experiments share: experiments on the same namespace id with ranges
 * that do not overlap never enrol the same user, so they cannot disturb each other's results.
 */
export type Namespace = readonly [id: string, start: number, end: number];

/**
 * Whether the user falls in the namespace's [start, end). The position is GrowthBook's version 1
 * hash of the user id seeded with `__<namespace id>`: the same for every experiment on the
 * namespace (it does not depend on the experiment) and the same as in the SDKs.
 */
export function inNamespace(userId: string, [id, start, end]: Namespace): boolean {
  const position = hash(`__${id}`, userId, 1);
  return position !== null && position >= start && position < end;
}
