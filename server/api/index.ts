export { appRouter, createCaller, type AppRouter } from "./root";
export { createContext } from "./context";
export type { Context, Meta } from "./trpc";
export { serveRest, REST_BASE } from "./rest";
export { openApiDocument } from "./openapi";
export { DOCS_HTML, DOCS_PATH, docsAsset } from "./docs";
