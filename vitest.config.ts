// Unit tests: pure logic (config validation, consent rules, codecs) in Node, mirroring src/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
