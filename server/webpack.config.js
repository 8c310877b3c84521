const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../dist/server'),
    // main.js exports startHub() for the embedded launcher (server/scripts/start.mjs).
    library: { type: 'commonjs2' },
    clean: true,
  },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // R17 PDFs are drawn in worker threads (notices/pdf-renderer.ts) from this file beside main.js.
      additionalEntryPoints: [{ entryName: 'notice-pdf-worker', entryPath: 'server/src/notices/notice-pdf.worker.ts' }],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
