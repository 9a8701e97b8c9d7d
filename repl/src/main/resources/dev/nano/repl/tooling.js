// What the REPL needs to know about typed text, answered from acorn's parse of it: whether an error
// means "keep reading", how to rewrite an entry so its declarations outlive it, and which expression
// a completion request is about. Runs in the tooling context, never in the program's.
(function (acorn) {
  "use strict";

  // The name session.js gives its helper on the program's global object (see there).
  const HELPER = "__nano_repl__";
  // A block-scoped name that keeps a rewritten declaration's completion value empty (see declaration()).
  const DISCARD = "__nano_repl_discard__";

  // A script, as the REPL evaluates one, that may also hold what only a module may: top-level
  // await and import/export (the rewrite turns both into script code).
  const options = {
    ecmaVersion: "latest",
    sourceType: "script",
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowHashBang: true,
  };

  // ---------------------------------------------------------------- completeness

  /**
   * Whether acorn's reading of an input GraalJS rejected says that more is coming: GraalJS does not
   * mark an open block comment or template literal as incomplete source, acorn names both.
   */
  function incomplete(input) {
    try {
      acorn.parse(input, options);
      return false;
    } catch (e) {
      if (!(e instanceof SyntaxError) || typeof e.pos !== "number") return false;
      if (e.message.startsWith("Unterminated comment") || e.message.startsWith("Unterminated template")) return true;
      // acorn reports the end of input as an unexpected token placed there
      return e.message.startsWith("Unexpected token") && e.pos >= input.length;
    }
  }

  // ---------------------------------------------------------------- tree walking

  function isFunction(node) {
    return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
  }

  function children(node) {
    const result = [];
    for (const key in node) {
      if (key === "type" || key === "start" || key === "end") continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child !== null && typeof child === "object" && typeof child.type === "string") result.push(child);
      } else if (value !== null && typeof value === "object" && typeof value.type === "string") {
        result.push(value);
      }
    }
    return result;
  }

  /** Calls visit(node, parent) on every node; visit returning false skips the node's children. */
  function walk(node, visit, parent = null) {
    if (visit(node, parent) === false) return;
    for (const child of children(node)) walk(child, visit, node);
  }

  /** Whether code outside every function awaits: such an entry must run inside an async function. */
  function awaitsAtTopLevel(program) {
    let found = false;
    walk(program, (node) => {
      if (found || isFunction(node) || node.type === "StaticBlock") return false;
      if (node.type === "AwaitExpression" || (node.type === "ForOfStatement" && node.await)) found = true;
      return !found;
    });
    return found;
  }

  const moduleDeclarations = new Set(["ImportDeclaration", "ExportNamedDeclaration", "ExportDefaultDeclaration", "ExportAllDeclaration"]);

  /** import/export anywhere but at the top, or import.meta: left for GraalJS to report. */
  function hasMisplacedModuleSyntax(program) {
    let found = false;
    walk(program, (node, parent) => {
      if (found) return false;
      if (moduleDeclarations.has(node.type) && parent !== program) found = true;
      if (node.type === "MetaProperty" && node.meta.name === "import") found = true;
      return !found;
    });
    return found;
  }

  /** The names a binding pattern declares, in order. */
  function boundNames(pattern, names = []) {
    switch (pattern.type) {
      case "Identifier": names.push(pattern.name); break;
      case "ObjectPattern":
        for (const p of pattern.properties) boundNames(p.type === "RestElement" ? p.argument : p.value, names);
        break;
      case "ArrayPattern":
        for (const e of pattern.elements) if (e !== null) boundNames(e, names);
        break;
      case "AssignmentPattern": boundNames(pattern.left, names); break;
      case "RestElement": boundNames(pattern.argument, names); break;
    }
    return names;
  }

  // ---------------------------------------------------------------- rewriting

  /**
   * Rewrites an entry into a classic script whose top-level declarations become properties of the
   * global object, so that the next entry sees them and may declare them again (as in a browser's
   * console). An entry that awaits or imports runs inside an async arrow function instead; its
   * script's value is then a promise of { value } for a final expression, or of undefined.
   */
  function rewrite(input) {
    let program;
    try {
      program = acorn.parse(input, options);
    } catch {
      return { code: input, async: false }; // GraalJS reports the error, with its position in the input
    }
    if (hasMisplacedModuleSyntax(program)) return { code: input, async: false };
    try {
      const async = program.body.some((s) => s.type === "ImportDeclaration") || awaitsAtTopLevel(program);
      return async ? asyncEntry(input, program) : scriptEntry(input, program);
    } catch {
      // a tree this code does not expect (acorn ahead of it): the entry still runs, as a plain script
      return { code: input, async: false };
    }
  }

  const text = (input, node) => input.slice(node.start, node.end);
  const list = (names) => JSON.stringify(names);

  /** Replaces source ranges; edits never overlap. */
  function splice(input, edits) {
    edits.sort((a, b) => b.start - a.start);
    let out = input;
    for (const { start, end, code } of edits) out = out.slice(0, start) + code + out.slice(end);
    return out;
  }

  /** `target = (init)` for each declarator that has an initializer (or, for let, resets it). */
  function assignments(input, declaration) {
    const parts = [];
    for (const d of declaration.declarations) {
      const target = text(input, d.id);
      if (d.init === null) {
        if (declaration.kind !== "var") parts.push(`${target} = void 0`);
      } else if (d.id.type === "Identifier") {
        parts.push(`${target} = (${text(input, d.init)})`); // `f = () => 1` names the function f
      } else {
        parts.push(`(${target} = (${text(input, d.init)}))`); // `({ a } = o)`: a statement may not start with {
      }
    }
    return parts;
  }

  /**
   * A top-level let/const/class declaration as code: declare the names on the global object, assign
   * them, and make const names reject assignment from then on. In a script entry it is wrapped in a
   * block whose only statement is a lexical declaration: such a statement has no completion value,
   * so `1; let x = 2` still evaluates to 1, as a declaration would leave it.
   */
  function declaration(kind, names, parts, asScript) {
    const steps = [`${HELPER}.declare(${JSON.stringify(kind)}, ${list(names)})`, ...parts];
    if (kind === "const") steps.push(`${HELPER}.constify(${list(names)})`);
    if (asScript) return `{ let ${DISCARD} = (${steps.join(", ")}); }`;
    return steps.map((s) => `${s};`).join(" ");
  }

  function lexical(input, node, asScript) {
    if (node.type === "ClassDeclaration") {
      return declaration("class", [node.id.name], [`${node.id.name} = ${text(input, node)}`], asScript);
    }
    const names = node.declarations.flatMap((d) => boundNames(d.id));
    return declaration(node.kind, names, assignments(input, node), asScript);
  }

  const isLexical = (node) =>
    (node.type === "VariableDeclaration" && (node.kind === "let" || node.kind === "const")) ||
    (node.type === "ClassDeclaration" && node.id !== null);

  /**
   * export is dropped (an entry has nobody to export to): the declaration stays, as an edit of the
   * whole statement or of its prefix; export lists and re-exports vanish.
   */
  function unexport(input, statement, edits, handleDeclaration) {
    if (statement.type === "ExportNamedDeclaration" || statement.type === "ExportAllDeclaration") {
      if (statement.declaration) {
        edits.push({ start: statement.start, end: statement.declaration.start, code: "" });
        handleDeclaration(statement.declaration);
      } else {
        edits.push({ start: statement.start, end: statement.end, code: ";" });
      }
      return true;
    }
    if (statement.type === "ExportDefaultDeclaration") {
      const d = statement.declaration;
      if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id !== null) {
        edits.push({ start: statement.start, end: d.start, code: "" });
        handleDeclaration(d);
      } else {
        edits.push({ start: statement.start, end: statement.end, code: `(${text(input, d)});` });
      }
      return true;
    }
    return false;
  }

  /** No await, no import: the script runs as typed but for its let/const/class declarations. */
  function scriptEntry(input, program) {
    const edits = [];
    const handle = (node) => {
      if (isLexical(node)) edits.push({ start: node.start, end: node.end, code: lexical(input, node, true) });
    };
    for (const statement of program.body) {
      if (!unexport(input, statement, edits, handle)) handle(statement);
    }
    return { code: splice(input, edits), async: false };
  }

  /**
   * An entry that awaits: its statements become the body of an async arrow function. What a script
   * would have declared globally is made global by hand: imports (as awaited import() calls bound as
   * constants), var names and function declarations (hoisted to the start), let/const/class in place.
   * A final expression statement is returned wrapped, so that a promise it yields is shown, not awaited.
   */
  function asyncEntry(input, program) {
    const edits = [];
    const head = [];
    const varNames = [];
    const functions = [];

    for (const statement of program.body) {
      if (statement.type === "ImportDeclaration") {
        head.push(importCode(statement));
        edits.push({ start: statement.start, end: statement.end, code: ";" });
      }
    }
    const handle = (node) => {
      if (isLexical(node)) {
        edits.push({ start: node.start, end: node.end, code: lexical(input, node, false) });
      } else if (node.type === "FunctionDeclaration") {
        functions.push(node);
        edits.push({ start: node.start, end: node.end, code: ";" });
      }
    };
    for (const statement of program.body) {
      if (!unexport(input, statement, edits, handle)) handle(statement);
    }
    collectVars(input, program, varNames, edits);

    if (varNames.length > 0) head.push(`${HELPER}.declare("var", ${list([...new Set(varNames)])});`);
    for (const f of functions) {
      head.push(`${HELPER}.declare("function", ${list([f.id.name])}); ${f.id.name} = ${text(input, f)};`);
    }

    const last = lastValueStatement(program);
    if (last !== null && last.type === "ExpressionStatement") {
      edits.push({ start: last.start, end: last.end, code: `return { value: (${text(input, last.expression)}) };` });
    }
    // The body keeps its lines; a line break before the end, in case it ends in a line comment.
    return { code: `(async () => { ${head.join(" ")} ${splice(input, edits)}\n})()`, async: true };
  }

  /** The statement whose value an entry shows: the last one that is not hoisted away. */
  function lastValueStatement(program) {
    for (let i = program.body.length - 1; i >= 0; i--) {
      const s = program.body[i];
      if (s.type !== "FunctionDeclaration" && s.type !== "ImportDeclaration" && s.type !== "EmptyStatement") return s;
    }
    return null;
  }

  /**
   * var declarations outside every function belong to the global object: their names are declared
   * at the start and each declaration becomes its assignments (a block, where a statement stands;
   * the bare target, in a for-in/of head; the initialisers, in a for head).
   */
  function collectVars(input, program, names, edits) {
    walk(program, (node, parent) => {
      if (isFunction(node) || node.type === "StaticBlock") return false;
      if (node.type !== "VariableDeclaration" || node.kind !== "var") return true;
      for (const d of node.declarations) boundNames(d.id, names);
      const parts = assignments(input, node);
      let code;
      if ((parent.type === "ForInStatement" || parent.type === "ForOfStatement") && parent.left === node) {
        code = text(input, node.declarations[0].id);
      } else if (parent.type === "ForStatement" && parent.init === node) {
        code = parts.join(", ");
      } else {
        code = `{ ${parts.map((p) => `${p};`).join(" ")} }`;
      }
      edits.push({ start: node.start, end: node.end, code });
      return false;
    });
  }

  /** A static import as an awaited import() whose bindings are declared as constants. */
  function importCode(node) {
    const source = JSON.stringify(node.source.value);
    const attributes = (node.attributes ?? []).map((a) =>
      `${JSON.stringify(a.key.type === "Identifier" ? a.key.name : a.key.value)}: ${JSON.stringify(a.value.value)}`);
    const load = `await import(${source}${attributes.length > 0 ? `, { with: { ${attributes.join(", ")} } }` : ""})`;
    if (node.specifiers.length === 0) return `${load};`;
    const names = node.specifiers.map((s) => s.local.name);
    const namespace = node.specifiers.find((s) => s.type === "ImportNamespaceSpecifier");
    const named = node.specifiers
      .filter((s) => s.type !== "ImportNamespaceSpecifier")
      .map((s) => {
        const imported = s.type === "ImportDefaultSpecifier" ? "default"
          : s.imported.type === "Identifier" ? s.imported.name : s.imported.value;
        return `${JSON.stringify(imported)}: ${s.local.name}`;
      });
    const parts = [];
    if (namespace !== undefined) {
      parts.push(`${namespace.local.name} = ${load}`);
      if (named.length > 0) parts.push(`({ ${named.join(", ")} } = ${namespace.local.name})`);
    } else {
      parts.push(`({ ${named.join(", ")} } = ${load})`);
    }
    return declaration("const", names, parts, false);
  }

  // ---------------------------------------------------------------- completion

  function isIdentifierPart(code) {
    return acorn.isIdentifierChar(code, true);
  }

  /**
   * What a completion request is about. `prefix` is the entry up to the cursor. Answers the word
   * being typed (`partial`, starting at `start`) and what it completes:
   *   { kind: "command" }                  an entry that is only `.word`: a REPL command
   *   { kind: "global" }                   a name in scope
   *   { kind: "member", chain }            a property of the expression before `.` or `?.`
   *   { kind: "none" }                     nothing to offer (inside a string or comment, after a call)
   * chain: { root, steps } where root is { kind: "global", name } | { kind: "this" } |
   * { kind: "new", callee: chain } | { kind: "literal", type, keys? } and steps are property names.
   */
  function completionTarget(prefix) {
    try {
      return target(prefix);
    } catch {
      return { kind: "none", partial: "", start: prefix.length };
    }
  }

  function target(prefix) {
    let start = prefix.length;
    while (start > 0 && isIdentifierPart(prefix.codePointAt(start - 1))) start--;
    const partial = prefix.slice(start);
    const none = { kind: "none", partial, start };
    if (partial !== "" && !acorn.isIdentifierStart(partial.codePointAt(0), true)) return none;

    const lead = prefix.length - prefix.trimStart().length;
    if (prefix[lead] === "." && start === lead + 1) return { kind: "command", partial: prefix.slice(lead), start: lead };

    const tokens = tokenStarts(prefix, start);
    if (tokens === null) return none;

    const before = prefix.slice(0, start).trimEnd();
    let objectEnd;
    if (before.endsWith("?.")) objectEnd = before.length - 2;
    else if (before.endsWith(".") && !before.endsWith("...")) objectEnd = before.length - 1;
    else return { kind: "global", partial, start };

    const source = prefix.slice(0, objectEnd).trimEnd();
    const chain = chainBefore(source, tokens);
    return chain === null ? none : { kind: "member", partial, start, chain };
  }

  /**
   * Where tokens start before `end`, or null when `end` is inside a string, template, comment or
   * regular expression (acorn stops there with "Unterminated ...", or a comment reaches the end).
   */
  function tokenStarts(prefix, end) {
    const starts = [];
    let inComment = false;
    try {
      const tokens = acorn.tokenizer(prefix, {
        ...options,
        onComment(block, text, from, to) {
          if (to >= prefix.length && !block) inComment = true;
        },
      });
      for (const token of tokens) {
        if (token.start >= end) break;
        starts.push(token.start);
      }
    } catch (e) {
      if (e instanceof SyntaxError && e.message.startsWith("Unterminated")) return null;
      // anything else (an unbalanced bracket, say) still leaves the tokens read so far
    }
    return inComment ? null : starts;
  }

  /**
   * The expression that ends at the end of `source`: the longest run of whole tokens at its end
   * that acorn reads as one expression, narrowed to the operand that stands before the dot
   * (`x = a.b` completes on a.b, `!a` on a).
   */
  function chainBefore(source, tokenStarts) {
    if (source === "") return null;
    for (const from of tokenStarts) {
      if (from >= source.length) break;
      let node;
      try {
        node = acorn.parseExpressionAt(source, from, { ...options, preserveParens: true });
      } catch {
        continue;
      }
      if (node.end !== source.length) continue;
      return describe(operandAtEnd(node));
    }
    return null;
  }

  function operandAtEnd(node) {
    switch (node.type) {
      case "SequenceExpression": return operandAtEnd(node.expressions[node.expressions.length - 1]);
      case "AssignmentExpression":
      case "BinaryExpression":
      case "LogicalExpression": return operandAtEnd(node.right);
      case "ConditionalExpression": return operandAtEnd(node.alternate);
      case "UnaryExpression":
      case "AwaitExpression": return operandAtEnd(node.argument);
      case "ArrowFunctionExpression": return node.expression ? operandAtEnd(node.body) : node;
      // `new X.y` is `new (X.y)`: without an argument list the dot belongs to the callee
      case "NewExpression": return node.end === node.callee.end ? operandAtEnd(node.callee) : node;
      default: return node;
    }
  }

  /** The chain descriptor of an expression, or null when finding its value would run code. */
  function describe(node) {
    switch (node.type) {
      case "Identifier": return { root: { kind: "global", name: node.name }, steps: [] };
      case "ThisExpression": return { root: { kind: "this" }, steps: [] };
      case "ChainExpression": return describe(node.expression);
      case "ParenthesizedExpression": return describe(parenthesised(node.expression));
      case "MemberExpression": {
        let key;
        if (!node.computed && node.property.type === "Identifier") key = node.property.name;
        else if (node.computed && node.property.type === "Literal" && (typeof node.property.value === "string" || typeof node.property.value === "number")) key = String(node.property.value);
        else return null;
        const object = describe(node.object);
        if (object === null) return null;
        object.steps.push(key);
        return object;
      }
      case "NewExpression": {
        const callee = describe(node.callee);
        return callee === null ? null : { root: { kind: "new", callee }, steps: [] };
      }
      case "Literal": {
        const type = node.regex ? "regexp" : node.bigint !== undefined ? "bigint" : node.value === null ? null : typeof node.value;
        return type === null ? null : literal(type);
      }
      case "TemplateLiteral": return literal("string");
      case "ArrayExpression": return literal("array");
      case "ObjectExpression": {
        const keys = node.properties
          .filter((p) => p.type === "Property" && !p.computed)
          .map((p) => (p.key.type === "Identifier" ? p.key.name : String(p.key.value)));
        return { root: { kind: "literal", type: "object", keys }, steps: [] };
      }
      case "FunctionExpression":
      case "ArrowFunctionExpression":
      case "ClassExpression": return literal("function");
      default: return null; // calls, tagged templates, operators: their value is known only by running them
    }
  }

  /** The operand whose value a parenthesised expression has: `(a, b)` is b, `(a = b)` is b. */
  function parenthesised(node) {
    if (node.type === "SequenceExpression") return parenthesised(node.expressions.at(-1));
    if (node.type === "AssignmentExpression" && node.operator === "=") return parenthesised(node.right);
    return node;
  }

  const literal = (type) => ({ root: { kind: "literal", type }, steps: [] });

  return { incomplete, rewrite, completionTarget };
})
