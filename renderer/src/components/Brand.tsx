import type { ReactNode } from 'react';

/** Class names of each header's own sheet: styles.css for the visitor, stations.css (smaller) for staff. */
const CLASSES = {
  visitor: { brand: 'brand', title: 'brand-title', subtitle: 'brand-subtitle' },
  station: { brand: 'st-brand', title: 'st-title', subtitle: 'st-subtitle' },
} as const;

/** The SIAPkerja mark beside the page's title and a subtitle line, as both headers show it. */
export function Brand({ variant, title, subtitle }: { variant: keyof typeof CLASSES; title: ReactNode; subtitle: ReactNode }) {
  const classes = CLASSES[variant];
  return (
    <div className={classes.brand}>
      <div className="brand-mark" aria-hidden="true">
        SK
      </div>
      <div>
        <h1 className={classes.title}>{title}</h1>
        <p className={classes.subtitle}>{subtitle}</p>
      </div>
    </div>
  );
}
