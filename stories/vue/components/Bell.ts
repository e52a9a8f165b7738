import { h } from 'vue';

/** A bell icon (inline SVG: no icon font or emoji font needed), the anchor of the badge stories. */
export const Bell = () =>
  h(
    'svg',
    { viewBox: '0 0 24 24', width: 28, height: 28, 'aria-hidden': 'true', fill: '#344054' },
    [
      h('path', {
        d: 'M12 22c1.1 0 2-.9 2-2h-4c0 1.1.9 2 2 2zm6-6v-5c0-3.07-1.63-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.64 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z',
      }),
    ],
  );
