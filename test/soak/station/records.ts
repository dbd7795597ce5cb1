/*
 * What a station driver writes down about its candidates' tests: only what
 * the page showed. These records are the soak's side of the final check
 * (verify.ts); the server's tables are the other.
 */

export interface Attempt {
  /** The option's original key (the radio's value), whatever position the exam shuffled it to. */
  key: string;
  /** The page said "Answer X saved.", which the exam shows only once the RxDB write resolved. */
  confirmed: boolean;
}

export interface SessionRecord {
  sessionId: string;
  station: number;
  code: string;
  tokenId: string;
  candidateName: string;
  /** Question id by 1-based position, as seen on the page. */
  positions: Map<number, string>;
  /** Every choice made per question id, in order, with whether the page confirmed it. */
  attempts: Map<string, Attempt[]>;
  /** 'attempted' once the final "Submit test" was clicked, 'shown' once "Test submitted" appeared. */
  submit: 'no' | 'attempted' | 'shown';
  /** When "Test submitted" appeared, ISO. */
  submittedAt?: string;
  interruptions: number;
  resumes: number;
}

export interface ResumeFailure {
  station: number;
  sessionId?: string;
  code: string;
  reason: string;
}

export interface StationStats {
  launches: number;
  kills: number;
  signedOut: number;
  driverErrors: number;
  pageErrors: number;
  /** A resumed test showed a question as unanswered whose answer the page had confirmed. */
  resumeAnswerMismatches: number;
  codesRefused: number;
  answersConfirmed: number;
  answersAttempted: number;
  sessionsStarted: number;
  sessionsSubmitted: number;
  interruptions: number;
  /** Interrupted while submitting, and the home rightly offered nothing: the submission was stored. */
  interruptedAtSubmit: number;
  resumes: number;
}

export function emptyStats(): StationStats {
  return {
    launches: 0,
    kills: 0,
    signedOut: 0,
    driverErrors: 0,
    pageErrors: 0,
    resumeAnswerMismatches: 0,
    codesRefused: 0,
    answersConfirmed: 0,
    answersAttempted: 0,
    sessionsStarted: 0,
    sessionsSubmitted: 0,
    interruptions: 0,
    interruptedAtSubmit: 0,
    resumes: 0,
  };
}
