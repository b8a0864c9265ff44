import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metricsRegistry } from "@/server/metrics";
import { exportedNames, metricNamesIn } from "@/test/promql-names";
import { promtool } from "@/test/promtool";

/**
 * The shipped Grafana dashboard, read as Grafana reads it: every query names only metrics APFA
 * exports (server/metrics, the recording rules of deploy/prometheus, Prometheus's `up`), every
 * product metric has a panel, and the provisioning files point the dashboard at its datasource.
 */

const dir = import.meta.dirname;
const read = (...parts: string[]) => fs.readFileSync(path.join(dir, ...parts), "utf8");

interface Target {
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: string; current?: { value?: string } }[] };
  annotations: { list: (Target & { name: string })[] };
}

const dashboards = fs.readdirSync(path.join(dir, "dashboards")).filter((file) => file.endsWith(".json"));
const load = (file: string) => JSON.parse(read("dashboards", file)) as Dashboard;

/** Every panel, rows' nested panels included (a collapsed row keeps its panels inside it). */
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
const queryPanels = (dashboard: Dashboard) => allPanels(dashboard.panels).filter((p) => p.type !== "row");

/** Every PromQL expression of a dashboard: its panels' queries and its annotation queries. */
function expressions(dashboard: Dashboard): { where: string; expr: string }[] {
  return [
    ...queryPanels(dashboard).flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr ?? "" }))),
    ...dashboard.annotations.list.filter((a) => a.expr).map((a) => ({ where: `annotation ${a.name}`, expr: a.expr! })),
  ];
}

describe("deploy/grafana dashboards", () => {
  it("ships the APFA overview", () => {
    expect(dashboards).toEqual(["apfa-overview.json"]);
  });

  describe.each(dashboards)("%s", (file) => {
    const dashboard = load(file);

    it("queries only metrics the product exports", () => {
      const exported = exportedNames();
      const exprs = expressions(dashboard);
      expect(exprs.length).toBeGreaterThan(20);
      expect(exprs.filter(({ expr }) => expr.trim() === "")).toEqual([]);
      const unknown = exprs.flatMap(({ where, expr }) =>
        metricNamesIn(expr)
          .filter((name) => !exported.has(name))
          .map((name) => `${where}: ${name}`),
      );
      expect(unknown).toEqual([]);
    });

    it("has queries Prometheus parses (checked as recording rules by promtool)", () => {
      // Grafana fills $__rate_interval in (four scrape intervals at least); any duration parses the same.
      const rules = expressions(dashboard).map(({ expr }, i) => ({
        record: `dashboard:query_${i}`,
        expr: expr.replaceAll("$__rate_interval", "1m"),
      }));
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-dashboard-"));
      try {
        const file = path.join(tmp, "queries.yml");
        // JSON is YAML: promtool reads the rule file as written.
        fs.writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboard", rules }] }));
        const result = promtool(["check", "rules", file]);
        expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
        expect(result.stdout).toContain(`SUCCESS: ${rules.length} rules found`);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it("has a panel for every metric of the product's own", () => {
      const queried = new Set(expressions(dashboard).flatMap(({ expr }) => metricNamesIn(expr)));
      const family = (name: string) => name.replace(/_(bucket|sum|count)$/, "");
      const shown = new Set([...queried].map(family));
      // prom-client's Node.js process metrics (apfa_process_*, apfa_nodejs_*) are the runtime's, not the product's.
      const own = metricsRegistry()
        .getMetricsAsArray()
        .map((metric) => (metric as unknown as { name: string }).name)
        .filter((name) => !/^apfa_(process|nodejs)_/.test(name));
      expect(own.length).toBeGreaterThan(15);
      expect(own.filter((name) => !shown.has(name))).toEqual([]);
    });

    it("reads every query through its Prometheus datasource variable", () => {
      const variable = dashboard.templating.list.find((v) => v.type === "datasource");
      expect(variable).toMatchObject({ name: "datasource", query: "prometheus" });
      const refs = [
        ...queryPanels(dashboard).flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)]),
        ...dashboard.annotations.list.filter((a) => a.expr).map((a) => a.datasource),
      ];
      expect(refs.filter((ref) => ref?.uid !== "${datasource}" || ref.type !== "prometheus")).toEqual([]);
      // Its default is the provisioned datasource.
      const provisioned = /^\s*uid:\s*(\S+)\s*$/m.exec(read("provisioning", "datasources", "apfa-prometheus.yml"))?.[1];
      expect(variable?.current?.value).toBe(provisioned);
    });

    it("lays its panels out on Grafana's 24-column grid without overlaps, with unique ids", () => {
      const panels = allPanels(dashboard.panels);
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
      const cells = new Map<string, string>();
      for (const p of panels) {
        const { x, y, w, h } = p.gridPos;
        expect(x + w, p.title).toBeLessThanOrEqual(24);
        for (let col = x; col < x + w; col++)
          for (let line = y; line < y + h; line++) {
            const key = `${col},${line}`;
            expect(cells.get(key), `${p.title} overlaps ${cells.get(key)}`).toBeUndefined();
            cells.set(key, p.title);
          }
      }
    });
  });

  it("provisions the dashboards folder and the Prometheus datasource", () => {
    const provider = read("provisioning", "dashboards", "apfa.yml");
    expect(provider).toMatch(/^apiVersion: 1$/m);
    expect(provider).toMatch(/type: file/);
    expect(provider).toMatch(/path: \/var\/lib\/grafana\/dashboards\/apfa$/m);
    const datasource = read("provisioning", "datasources", "apfa-prometheus.yml");
    expect(datasource).toMatch(/type: prometheus/);
    expect(datasource).toMatch(/url: http:\/\/localhost:9090/);
  });
});
