/**
 * Semantic Versioning 2.0.0 (semver.org): MAJOR.MINOR.PATCH with optional pre-release and build
 * metadata, no leading zeros. Registry versions and release versions are checked with it.
 */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

export function parseSemver(text: string): Semver | null {
  const match = SEMVER.exec(text);
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ? match[4].split(".") : [],
  };
}

export function isSemver(text: string): boolean {
  return parseSemver(text) !== null;
}

/** Why `text` is not a semantic version, or null when it is. */
export function semverProblem(text: string): string | null {
  if (isSemver(text)) return null;
  if (/^v\d/.test(text)) return `"${text}" is not a semantic version: drop the leading "v" (e.g. ${text.slice(1)})`;
  return `"${text}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0 or 2.0.0-rc.1)`;
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Number(a) - Number(b);
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Precedence as semver.org §11 defines it (build metadata is ignored). Invalid versions sort first. */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  // A pre-release ranks below its release: 1.0.0-rc.1 < 1.0.0.
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return x.prerelease.length === y.prerelease.length ? 0 : x.prerelease.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.min(x.prerelease.length, y.prerelease.length); i++) {
    const order = compareIdentifiers(x.prerelease[i]!, y.prerelease[i]!);
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(x.prerelease.length - y.prerelease.length);
}

/** The next patch release after the highest of `versions` (1.0.0 when there is none). */
export function nextPatch(versions: string[]): string {
  const highest = [...versions].filter(isSemver).sort(compareSemver).at(-1);
  if (!highest) return "1.0.0";
  const { major, minor, patch, prerelease } = parseSemver(highest)!;
  // 1.1.0-rc.1 → 1.1.0: the release the pre-release was leading up to.
  return prerelease.length > 0 ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
}
