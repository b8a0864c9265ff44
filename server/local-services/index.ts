export { spawnService, waitFor, tailOf, type ServiceProcess } from "./child";
export { freePort, isPortFree } from "./free-port";
export { startLocalPostgres, type LocalPostgres } from "./postgres";
export { startLocalRedis, INSTALL_REDIS_HELP, type LocalRedis } from "./redis";
export {
  findRunningProduct,
  recordRunningProduct,
  removeRunningRecord,
  runningFile,
  type RunningLookup,
  type RunningProduct,
} from "./running";
