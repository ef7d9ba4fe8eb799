import localFont from "next/font/local";

// Fonts come from npm packages so that the build never downloads anything.
// Not preloaded, and "optional": on a slow phone connection the first page shows at once in
// the (size-matched) fallback font instead of waiting for 100 KB of fonts or shifting when
// they arrive; once cached they are used. Lighthouse on slow 4G counted preloaded fonts in
// the time to the largest paint (public pages 92–94 → 97).
export const serif = localFont({
  src: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2",
  variable: "--font-serif",
  display: "optional",
  preload: false,
  // The fallback for headings should itself be a serif face, sized to match.
  adjustFontFallback: "Times New Roman",
  weight: "200 900",
});

export const sans = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-sans",
  display: "optional",
  preload: false,
  weight: "100 900",
});
