/** Why the exam cannot go on, in words a candidate or proctor can act on. */
export class ExamError extends Error {
  constructor(
    readonly reason:
      | 'not_found'
      | 'token_used'
      | 'token_expired'
      | 'token_mismatch'
      | 'assessment_closed'
      | 'no_questions'
      | 'submitted'
      | 'time_up',
    message: string,
  ) {
    super(message);
    this.name = 'ExamError';
  }
}
