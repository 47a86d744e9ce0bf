/**
 * The authorization expression of an access grant (ACCESS-DESIGN.md): a `Require` rule that limits the keys issued
 * for one grant to the granted models or tools and leaves every other key untouched:
 *
 *   !has(apiKey.grant) || apiKey.grant != '<id>' || llm.requestModel in ['m1','m2']
 *   !has(apiKey.grant) || apiKey.grant != '<id>' || mcp.tool.name in ['t1','t2']
 */

/** A CEL string literal (single-quoted) for any text: quotes, backslashes and control characters are escaped. */
export function celStringLiteral(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f)
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    // lone surrogate (not valid UTF-8 otherwise)
    else out += ch;
  }
  return `${out}'`;
}

export interface GrantExpressionInput {
  grantId: string;
  /** granted models (for an `llm` API): the rule reads `llm.requestModel` */
  models?: string[];
  /** granted tools (for an `mcp-server` API): the rule reads `mcp.tool.name` */
  tools?: string[];
}

/**
 * The `Require` expression limiting the keys of grant `grantId` to `models` or to `tools` (exactly one of the two).
 * Throws a TypeError on an empty grant id or when both or neither list is given.
 */
export function grantAuthorizationExpression(
  input: GrantExpressionInput,
): string {
  const { grantId, models, tools } = input;
  if (typeof grantId !== 'string' || grantId === '')
    throw new TypeError('grantId must be a non-empty string');
  if ((models === undefined) === (tools === undefined))
    throw new TypeError('give exactly one of models or tools');
  const names = (models ?? tools)!;
  if (!Array.isArray(names) || names.some(n => typeof n !== 'string'))
    throw new TypeError('models / tools must be a list of strings');
  const attribute = models ? 'llm.requestModel' : 'mcp.tool.name';
  const list = `[${names.map(celStringLiteral).join(',')}]`;
  return `!has(apiKey.grant) || apiKey.grant != ${celStringLiteral(
    grantId,
  )} || ${attribute} in ${list}`;
}
