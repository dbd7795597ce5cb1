import { assignedInterviews, ownNotes, personal, readOnly, staffDirectory, visibleNotes } from './common-rules';
import { and, eq, self, within, type RowFilter } from './row-filter';
import type { RoleTable } from './table';

/*
 * The interviewer's row of the permission table: least privilege. An
 * interviewer's laptop holds the candidates of the interviews they are on
 * (as lead or on the panel), and what the interview kit shows of them: their
 * applications, notes on those applications, uploaded documents, skill
 * matches of their CVs, and the requisitions the interviews are for. No
 * other candidate's personal data reaches it. (Before, `pull: 'all'` sent
 * every candidate, application, document and match in the system to every
 * interviewer.) Rows that stop being visible (an interviewer taken off an
 * interview) are withdrawn by the sync server's scope changes.
 *
 * What stays `pull: 'all'`, and why:
 * - skill, role: the catalogues, small and not personal; the kit and the
 *   scorecards name skills and roles by them;
 * - user: staff see each other (staffDirectory) to see who else is on a
 *   panel; candidates' accounts are not among them.
 */

/** Rows of `kind` whose `field` names a candidate of one of the interviewer's interviews. */
const ofMyCandidates = (field: string): RowFilter =>
  within(field, 'interview_session', 'candidate_id', assignedInterviews);
const myCandidatesDocuments = within('cv_file_id', 'uploaded_document', 'file_id', ofMyCandidates('candidate_id'));
const myCandidatesApplications = within(
  'application_id',
  'assessment_application',
  'application_id',
  ofMyCandidates('candidate_id'),
);

export const interviewer: RoleTable = {
  ...personal,
  user: staffDirectory,
  skill: readOnly,
  role: readOnly,
  candidate: { pull: ofMyCandidates('candidate_id') },
  uploaded_document: { pull: ofMyCandidates('candidate_id') },
  skill_match: { pull: myCandidatesDocuments },
  assessment_application: { pull: ofMyCandidates('candidate_id') },
  // Notes on their candidates' applications: the public ones and their own, which they may write.
  application_note: {
    pull: and(visibleNotes, myCandidatesApplications),
    push: { ...ownNotes, rows: and(ownNotes.rows, myCandidatesApplications) },
  },
  job_requisition: { pull: within('requisition_id', 'interview_session', 'requisition_id', assignedInterviews) },
  interview_session: {
    pull: assignedInterviews,
    push: {
      rows: assignedInterviews,
      fields: [
        'status',
        'started_at',
        'ended_at',
        'actual_duration_minutes',
        'preparation_notes',
        'question_guide',
        'meeting_notes',
        'cancellation_reason',
      ],
      create: false,
      delete: false,
    },
  },
  interview_feedback: {
    pull: eq('interviewer_id', self.id),
    push: {
      rows: and(
        eq('interviewer_id', self.id),
        within('interview_id', 'interview_session', 'interview_id', assignedInterviews),
      ),
      fields: 'all',
      create: true,
      delete: false,
    },
  },
};
