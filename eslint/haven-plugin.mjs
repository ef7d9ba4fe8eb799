/**
 * Haven's own lint rules.
 *
 * haven/server-only: a module in lib/ that touches the server (the database, the environment,
 * the keys, the logger, Node's built-ins, request headers or Next's cache) must say so with
 * `import "server-only"`, so that importing it from a client component fails the build instead
 * of shipping server code (or a secret) to the browser.
 */
const SERVER_MODULES = [
  /^@\/lib\/platform\/(db|db-config|env|keys|logger|rate-limit|http|site)$/,
  /^@\/lib\/generated\/prisma\/client$/,
  /^node:/,
  /^next\/(headers|cache)$/,
  /^(pg|nodemailer|@node-rs\/argon2|sharp)$/,
];

const serverOnly = {
  meta: {
    type: "problem",
    docs: { description: 'Server modules in lib/ import "server-only".' },
    messages: { missing: 'This module uses {{source}}, which only works on the server: add `import "server-only";` at the top.' },
    schema: [],
  },
  create(context) {
    let marked = false;
    let firstServerImport = null;
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type") return;
        const source = node.source.value;
        if (source === "server-only") marked = true;
        else if (!firstServerImport && SERVER_MODULES.some((pattern) => pattern.test(source))) firstServerImport = node;
      },
      "Program:exit"() {
        if (firstServerImport && !marked) {
          context.report({ node: firstServerImport, messageId: "missing", data: { source: firstServerImport.source.value } });
        }
      },
    };
  },
};

const plugin = { rules: { "server-only": serverOnly } };

export default plugin;
