import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Lab code imports the engine as 'goodput' (labs/api/goodput.ts), as in the browser runner and `goodput labs`.
    alias: { goodput: fileURLToPath(new URL('./labs/api/goodput.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
  },
});
