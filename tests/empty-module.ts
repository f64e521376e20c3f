// Stands in for `server-only` outside Next's react-server bundles (vitest, tsx scripts).
export {};
