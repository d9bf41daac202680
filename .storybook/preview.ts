// Arg tables, descriptions and controls come from custom-elements.json (`npm run build`), the
// same manifest IDEs and React wrappers read, so docs never drift from the JSDoc.
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true, matchers: { color: /(background|color)$/i, date: /Date$/i } },
    a11y: { test: 'error' },
    layout: 'padded',
  },
};
export default preview;
