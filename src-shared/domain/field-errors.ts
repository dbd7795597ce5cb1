/*
 * THE mapping from a validator's issues to the field errors every side
 * reports: the device's repositories, the stored-document check, the sync
 * server's write pipeline, its account code and its HTTP error replies. One
 * mapping, so a rule has one name wherever it is reported: zod's issue code
 * ("too_small", "invalid_value"...), or "rule" for a cross-field rule
 * (a zod `custom` issue).
 */

export interface FieldError {
  /** Dotted path of the offending field, e.g. "options.2.text", or a prefix plus it ("body.0.newDocumentState…"). */
  field: string;
  /** The rule that failed: a zod issue code such as "too_small" or "invalid_value", "rule", or "derived_id". */
  rule: string;
  message: string;
}

/** The reported name of a validator's issue code. */
export function ruleOf(code: string): string {
  return code === 'custom' ? 'rule' : code;
}

/** Anything shaped like a zod issue: a path, a code and a message. */
export interface IssueLike {
  path: readonly PropertyKey[];
  code: string;
  message: string;
}

/** Field errors of a validator's issues; `prefix` names where the document was (e.g. "body.0.newDocumentState"). */
export function fieldErrorsOf(issues: readonly IssueLike[], prefix = ''): FieldError[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    rule: ruleOf(issue.code),
    message: issue.message,
  }));
}
