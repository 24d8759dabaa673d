// One source of truth for compilation: path aliases come from tsconfig.base.json.
const path = require('node:path');
const tsconfig = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');

/** SWC options shared by the build and by Jest. */
function swcOptions({ rewritePaths }) {
  return {
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      ...(rewritePaths ? { baseUrl: root, paths: tsconfig.compilerOptions.paths } : {}),
    },
  };
}

/** Jest moduleNameMapper entries for the same aliases. */
function jestModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}$`] = path.join(root, target);
  }
  return mapper;
}

module.exports = { swcOptions, jestModuleNameMapper, root };
