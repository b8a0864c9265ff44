export { appRouter, createCaller, type AppRouter } from "./root";
export { createContext } from "./context";
export type { Context, Meta } from "./trpc";
