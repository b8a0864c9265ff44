import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import apfa from "./eslint/domain-faces.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "db/migrations/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      "import/no-anonymous-default-export": "off",
    },
  },
  {
    // Each server/<domain>/ is entered through its index.ts, from anywhere (tests included).
    plugins: { apfa },
    rules: { "apfa/domain-faces": "error" },
  },
  {
    // The import rule of DESIGN.md §3: server code never reaches into the app, components or jobs.
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "@/jobs/*", "../../app/*", "../../components/*", "../../jobs/*"],
              message: "server/ must not import app/, components/ or jobs/",
            },
          ],
        },
      ],
    },
  },
]);
