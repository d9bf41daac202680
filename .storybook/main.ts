// Storybook 10 for the kam-* elements: web components on Vite, docs pages (arg tables from
// custom-elements.json), a11y checks on, no telemetry
// (it does DNS look-ups this machine cannot answer; TOOLCHAIN.md trap 4).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Lit's decorators are legacy (experimentalDecorators + useDefineForClassFields: false).
    // Vite 8's oxc transform does not lower TC39 decorators and does not warn, so say it here
    // rather than rely on whichever tsconfig it happens to find (TOOLCHAIN.md trap 1).
    viteConfig.oxc = {
      ...(viteConfig.oxc || {}),
      decorator: { legacy: true },
      typescript: { removeClassFieldsWithoutInitializer: true },
      assumptions: { setPublicClassFields: true },
    };
    // The production export condition keeps Lit out of dev mode (TOOLCHAIN.md trap 5).
    viteConfig.resolve = { ...(viteConfig.resolve || {}), conditions: ['kamkit-src', 'production', 'module', 'browser', 'import', 'default'] };
    return viteConfig;
  },
};
export default config;
