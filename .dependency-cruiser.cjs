/**
 * The import rules of the layers (see docs/ARCHITECTURE.md). `npm test` fails on any violation.
 * Folder = runtime: src/contract and src/domain run anywhere; the rest of src/ needs Node but never
 * Electron; renderer/ is the browser; drivers/ is Node; main/electron/ is the only Electron code.
 */
const ELECTRON = '^(node_modules/)?electron(/|$)';
const NODE_CORE = { dependencyTypes: ['core'] };

module.exports = {
  forbidden: [
    {
      name: 'src-not-to-electron',
      comment: 'src/ is the platform-free core: the host must run under plain Node.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ELECTRON },
    },
    {
      name: 'src-not-to-ui-or-devices',
      comment: 'src/ must not reach into renderer/, main/ or drivers/ (they depend on src/, never the reverse), nor React.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(renderer|main|drivers)/|^(node_modules/)?(react|react-dom)(/|$)' },
    },
    {
      name: 'contract-and-domain-are-portable',
      comment: 'src/contract, src/domain and src/central (the central API contract) are loaded by the browser and the receiver too: no Node built-ins, no packages but zod.',
      severity: 'error',
      from: { path: '^src/(contract|domain|central)/' },
      to: { pathNot: '^src/(contract|domain|central)/|^(node_modules/)?zod(/|$)' },
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer talks to the host only through the contract; of the core it may use only the portable src/domain (e.g. the scan parser, the keyboard-wedge detector). No main/, drivers/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(src/(?!contract/|domain/)|main/|drivers/)' },
    },
    {
      name: 'renderer-only-ui-packages',
      comment: 'The renderer bundles React, zod (through the contract), uqr (QR codes on screen) and one barcode decoder for the camera fallback; any other package is a server-side one leaking in.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'unknown'],
        // vite/client holds type declarations only (CSS imports), never bundled code.
        pathNot: '^(node_modules/)?(react|react-dom|zod|uqr|zxing-wasm)(/|$)|^(node_modules/)?vite/client\\.d\\.ts$',
      },
    },
    {
      name: 'renderer-not-to-node',
      comment: 'The renderer runs in a sandboxed browser page.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { ...NODE_CORE },
    },
    {
      name: 'renderer-not-to-electron',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ELECTRON },
    },
    {
      name: 'drivers-not-to-app',
      comment: 'Drivers implement ports declared in src/ and know nothing of Electron, the UI or the host.',
      severity: 'error',
      from: { path: '^drivers/' },
      to: { path: `${ELECTRON}|^(renderer|main)/|^src/(host|lan|store)/` },
    },
    {
      name: 'tools-only-central-contract',
      comment:
        "tools/ stands in for the ministry's side (the reference central receiver): it may use the central contract, the contract and the domain (src/central, src/contract, src/domain), Node and packages, never the kiosk's host, store or LAN server, its shells, its UI or its drivers.",
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: `${ELECTRON}|^src/(?!central/|contract/|domain/)|^(main|renderer|drivers)/` },
    },
    {
      name: 'electron-only-in-main-electron',
      comment: 'Only main/electron/ may import Electron; main/node/ is shared with the headless host.',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/electron/' },
      to: { path: ELECTRON },
    },
    {
      name: 'main-not-to-renderer',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'production-not-to-tests',
      severity: 'error',
      from: { path: '^(src|main|renderer|drivers|tools)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: "Vite's `?url` asset imports (the camera decoder's wasm) resolve at build time only; the package rules still check them.",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '\\?url$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
