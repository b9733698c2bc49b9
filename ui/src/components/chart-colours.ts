// The palette every chart shares, matching the stylesheet's.
export const COLOURS = { reference: '#94a3b8', current: '#2563eb', threshold: '#dc2626', good: '#16a34a', warn: '#d97706', bad: '#dc2626', muted: '#cbd5e1', series: ['#2563eb', '#7c3aed', '#0d9488', '#d97706', '#db2777', '#475569'] } as const;
