/** Types for scripts/start.mjs (a plain script so `npm start` needs no TypeScript loader). */
export declare function v8PoolSize(cores?: number, override?: string): number;
