import { h } from 'vue';

/** A bell icon (inline SVG, so no icon font or emoji font is needed), the same as React's. */
export const BellIcon = () =>
  h('svg', { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': 'true' }, [
    h('path', {
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 2,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      d: 'M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0',
    }),
  ]);

/** The bell as a badge anchor in the component stories: decorative, the badge names the count. */
export const Bell = () => h('span', { class: 'tid-bell', 'aria-hidden': 'true' }, [h(BellIcon)]);
