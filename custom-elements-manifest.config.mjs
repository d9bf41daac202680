// custom-elements.json for @kamkit/elements: every kam-* tag with its attributes, properties,
// events (@fires), slots, parts (@csspart) and CSS properties (@cssprop), read from the JSDoc.
// Storybook's arg tables, IDE data and framework wrappers are generated from this one file.
//
// Our classes never register themselves: each folder's define.ts calls the shared guarded
// `define('kam-x', KamX)`. The analyzer only knows `customElements.define(...)`, so the plugin
// below teaches it our call, which is what links each class to its tag name.
const PACKAGE_DIR = 'packages/elements/';

function kamDefineCallsPlugin() {
  return {
    name: 'kamkit-define-calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (node.kind !== ts.SyntaxKind.CallExpression) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tagArg, classArg] = node.arguments;
      if (!tagArg || !classArg || !ts.isStringLiteral(tagArg) || !ts.isIdentifier(classArg)) return;
      const className = classArg.text;
      const imported = context?.imports?.find((i) => i.name === className);
      const module = imported && !imported.isBareModuleSpecifier
        ? new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname.replace(/^\//, '').replace(/\.js$/, '.ts')
        : moduleDoc.path;
      moduleDoc.exports = [...(moduleDoc.exports || []), {
        kind: 'custom-element-definition',
        name: tagArg.text,
        declaration: { name: className, module },
      }];
    },
  };
}

/** Module paths relative to the package (where custom-elements.json lives), with `.ts` sources. */
function packageRelativePathsPlugin() {
  const strip = (p) => {
    let out = p.replace(/^\//, '');
    if (out.startsWith(PACKAGE_DIR)) out = out.slice(PACKAGE_DIR.length).replace(/\.js$/, '.ts');
    return out;
  };
  const walk = (value) => {
    if (Array.isArray(value)) { value.forEach(walk); return; }
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'path' || k === 'module') && typeof v === 'string') value[k] = strip(v);
      else walk(v);
    }
  };
  return {
    name: 'kamkit-package-relative-paths',
    packageLinkPhase({ customElementsManifest }) { walk(customElementsManifest.modules); },
  };
}

/** Private members (`_x`, `#x`, `protected`/`private`) are not public API. */
function hidePrivateMembersPlugin() {
  return {
    name: 'kamkit-hide-private-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.members) continue;
          decl.members = decl.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('_') && !m.name.startsWith('#'));
        }
      }
    },
  };
}

export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/test-*.ts', '**/*.styles.ts', '**/define-all.ts', '**/index.ts'],
  outdir: 'packages/elements',
  litelement: true,
  packagejson: false,
  plugins: [kamDefineCallsPlugin(), hidePrivateMembersPlugin(), packageRelativePathsPlugin()],
};
