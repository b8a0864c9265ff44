import { env } from "../env";

/**
 * Published when an experiment starts or stops: web instances re-read the running experiments
 * (they also do at every reconcile). The message carries only the key; nothing in it is trusted.
 */
export const experimentsChannel = () => `${env.APFA_QUEUE_PREFIX}:experiments:changed`;
