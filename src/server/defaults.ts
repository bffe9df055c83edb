/** Where `pvplan serve` listens unless told otherwise: loopback only, so a planner's draft never leaves the machine. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
