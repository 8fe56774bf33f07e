// esbuild collects CSS imported from TypeScript into dist/renderer/app.css.
declare module '*.css';
