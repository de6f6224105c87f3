/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig, type ProxyOptions } from 'vite';
import { apiRoutes } from './server/routes.mjs';

const lib = (name: string) =>
  fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));

/** `vite` (dev) proxies the APIs exactly as server/serve.mjs does in production. */
function devProxy(): Record<string, ProxyOptions> {
  return Object.fromEntries(
    apiRoutes(process.env).map((route) => [
      route.prefix,
      {
        target: route.upstream,
        changeOrigin: true,
        rewrite: (path: string) => route.rewritePrefix + path.slice(route.prefix.length),
      },
    ]),
  );
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue(),
    // Element Plus components and their styles are imported where used, never the whole kit.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  resolve: {
    alias: {
      '@minsheng/domain': lib('domain'),
      '@minsheng/contracts': lib('contracts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // The workspace libs are pure modules: what the app does not use is left out.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/libs/') },
    },
  },
  server: { port: 5173, proxy: devProxy() },
  preview: { port: 3100, proxy: devProxy() },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    css: false,
    // Element Plus ships its styles as side-effect CSS imports, which only Vite can load.
    server: { deps: { inline: ['element-plus'] } },
  },
});
