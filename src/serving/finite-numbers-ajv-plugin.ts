// An Ajv plugin for Fastify's validator: a number coerced from text must be finite. Ajv turns "1e400" or "Infinity"
// in a query string into Infinity and then skips `minimum`/`maximum` for it (they only test finite numbers), so
// `?limit=1e400` reached the database as Infinity. Ajv's own number types already refuse non-finite JSON values.

/** The part of an Ajv validator this plugin uses (Ajv is Fastify's dependency, not ours). */
interface Validator {
  // Ajv's second argument is its own data context type, passed through untouched.
  (data: unknown, context?: any): boolean;
  errors?: unknown[] | null;
}

/** The part of Ajv this plugin uses. */
interface AjvLike {
  compile(schema: object, meta?: boolean): Validator;
}

/** Wraps every validator Ajv compiles for a schema with a numeric type: non-finite numbers then fail validation. */
export function rejectNonFiniteNumbers<A extends AjvLike>(ajv: A): A {
  const compile = ajv.compile.bind(ajv);
  ajv.compile = (schema: object, meta?: boolean): Validator => {
    const validate = compile(schema, meta);
    if (!/"type":(?:\[[^\]]*)?"(?:number|integer)"/.test(JSON.stringify(schema))) return validate;
    const checked: Validator = (data, context) => {
      const valid = validate(data, context);
      checked.errors = validate.errors ?? null;
      if (!valid) return false;
      const path = findNonFinite(data);
      if (path === undefined) return true;
      checked.errors = [{ instancePath: path, schemaPath: '#/type', keyword: 'type', params: { type: 'number' }, message: 'must be a finite number' }];
      return false;
    };
    // Fastify and Ajv read these back from the validator they were given.
    return Object.assign(checked, { schema: (validate as { schema?: unknown }).schema, schemaEnv: (validate as { schemaEnv?: unknown }).schemaEnv });
  };
  return ajv;
}

/** The JSON pointer of the first non-finite number in a value, walking it without recursion. */
function findNonFinite(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return path;
    } else if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) stack.push([node[index], `${path}/${index}`]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) stack.push([child, `${path}/${key}`]);
    }
  }
  return undefined;
}
