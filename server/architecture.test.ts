import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import graph of server/ (product code; tests may reach wherever they need to): no file is
 * part of an import circle, and no import runs back up the layers of DESIGN.md §3. A unit is a
 * domain folder (`server/<domain>/`) or a top-level file (`server/env.ts`).
 */

/** Top to bottom. A unit may import units of its own layer or below, never above. */
const LAYERS: string[][] = [
  ["api", "http", "web-instance"],
  ["advice", "health", "seed", "warmup", "releases", "fairness-audits"],
  ["serving"],
  ["agent"],
  ["llm", "rag"],
  ["question"],
  ["registry", "experiments"],
  ["index-store"],
  ["embedding"],
  ["review"],
  ["auth", "session", "partners", "ingest", "audit", "bias", "fairness", "demographics", "queues", "reasons", "outage"],
  ["db", "artifacts", "redis", "local-services"],
  ["logger", "metrics", "tracing"],
  ["env", "errors", "problem", "hashing", "seeded-random", "request-context"],
];

const root = path.resolve(import.meta.dirname, "..");
const server = path.join(root, "server");
const isTest = (file: string) => /\.(test|integration-test|system-test)\.ts$/.test(file);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.mts") && !isTest(file) ? [file] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, path.join(base, "index.ts")]) {
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

/** Every file of server/ with the server files it imports (static imports, re-exports and literal import()). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(server)) {
    const text = fs.readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)["']((?:\.|@\/)[^"']*)["']/gm)]
      .map((match) => resolveImport(file, match[1]!))
      .filter((target): target is string => target !== null && target.startsWith(server + path.sep));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

const unitOf = (file: string) => {
  const [first, second] = path.relative(server, file).split(path.sep);
  return second === undefined ? first!.replace(/\.\w+$/, "") : first!;
};

/** Strongly connected components of more than one node (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  function visit(node: string) {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component);
    }
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("the import graph of server/", () => {
  const graph = importGraph();
  const relative = (file: string) => path.relative(root, file);

  it("is read from the real tree", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join(server, "api", "root.ts"))?.map(relative)).toContain("server/api/routers/advice.ts");
  });

  it("has no import circle between files", () => {
    expect(circles(graph).map((component) => component.map(relative).sort())).toEqual([]);
  });

  it("has no import circle between domains", () => {
    const units = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = unitOf(file);
      const to = targets.map(unitOf).filter((unit) => unit !== from);
      units.set(from, [...new Set([...(units.get(from) ?? []), ...to])]);
    }
    expect(circles(units)).toEqual([]);
  });

  it("places every unit in a layer, and no import runs back up the layers", () => {
    const layerOf = new Map(LAYERS.flatMap((units, layer) => units.map((unit) => [unit, layer] as const)));
    const unplaced = [...new Set([...graph.keys()].map(unitOf))].filter((unit) => !layerOf.has(unit));
    expect(unplaced, "add these to LAYERS").toEqual([]);
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (layerOf.get(unitOf(target))! < layerOf.get(unitOf(file))!)
          upward.push(`${relative(file)} -> ${relative(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("keeps the metrics sink free of domains", () => {
    const metrics = [...graph].filter(([file]) => unitOf(file) === "metrics");
    expect(metrics.flatMap(([, targets]) => targets.filter((target) => unitOf(target) !== "metrics"))).toEqual([]);
  });
});
