import fs from "node:fs";
import path from "node:path";

/**
 * Each `server/<domain>/` is entered through its face, `index.ts`: an import from outside the
 * domain that reaches a file past it is refused. A few modules are second faces, each for a
 * reason the first cannot serve:
 * - `pipeline.ts` of index-store and embedding: building indexes and embedding the corpus, for the
 *   worker, the CLI, benchmarks and tests; the web app must never bundle them (thread entries load tsx);
 * - `auth/roles.ts`: roles and scopes as plain data, safe for client components (the face brings
 *   in the database).
 * - `experiments/assignment/`: which arm a user gets, pure computation, for the CLI's
 *   `experiments assign`, which must run without the product (the face brings in the database
 *   and with it server/env).
 */

const root = path.resolve(import.meta.dirname, "..");
const SECOND_FACES = new Set([
  "server/index-store/pipeline",
  "server/embedding/pipeline",
  "server/auth/roles",
  "server/experiments/assignment",
]);

const isDomain = (name) => fs.statSync(path.join(root, "server", name), { throwIfNoEntry: false })?.isDirectory();

/** "server/<domain>/<rest>" of a path relative to the repository, or null. */
function splitServerPath(relative) {
  const match = /^server\/([^/]+)\/(.+)$/.exec(relative);
  return match && isDomain(match[1]) ? { domain: match[1], rest: match[2] } : null;
}

function targetOf(file, specifier) {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(root, path.resolve(path.dirname(file), specifier));
  return null;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "imports into another server/<domain>/ go through its index.ts" },
    messages: {
      pastFace:
        "'{{specifier}}' reaches past the face of server/{{domain}}/: import from its index.ts ('{{face}}') instead, and export what you need there",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const own = splitServerPath(path.relative(root, file).split(path.sep).join("/"))?.domain;
    function check(node) {
      const specifier = node.source?.value;
      if (typeof specifier !== "string") return;
      const target = targetOf(file, specifier)
        ?.split(path.sep)
        .join("/")
        .replace(/\.(ts|tsx|mts|mjs|js)$/, "");
      if (!target) return;
      const inside = splitServerPath(target);
      if (!inside || inside.domain === own || inside.rest === "index" || SECOND_FACES.has(target)) return;
      const bare = specifier.replace(/\.(ts|tsx|mts|mjs|js)$/, "");
      const face = specifier.startsWith("@/") ? `@/server/${inside.domain}` : bare.slice(0, -inside.rest.length - 1);
      context.report({ node: node.source, messageId: "pastFace", data: { specifier, domain: inside.domain, face } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { "domain-faces": rule } };
