import type { UserRole } from '@shared/domain/enums';
import { entities, type Doc, type Kind } from '@shared/domain/registry';
import { collectionFor, collectionsByRole } from '@shared/storage/layout';
import { paths, type ScreenPath } from '../app/navigation';
import { formatDate } from '../format/dates';
import { humanize, roleLabels } from '../format/labels';

/*
 * What the search finds, and where each result takes whom: one table. A kind
 * is searched by a role only if that role's window holds its collection
 * (collectionsByRole) and the table says where its results open for the role;
 * so a candidate never searches the question bank their exam draws on, and no
 * result leads to a screen the role may not open (search-sources.test.ts
 * checks every screen against the sidebar's rules).
 *
 * Results open the list screen that shows the row today. When later issues
 * add detail screens, their destinations change here, and nowhere else.
 * Questions have no screen yet: they open a read-only preview in the search
 * dialog itself.
 */

export type SearchKind =
  'candidate' | 'job_requisition' | 'assessment_application' | 'interview_session' | 'user' | 'question';

export type Destination = { screen: ScreenPath } | { preview: 'question' };

/** The text a document is found by and shown with. */
export interface Described {
  title: string;
  /** One line under the title: what tells two results with the same title apart. */
  detail: string;
  /** Further words it is found by, not shown. */
  keywords: readonly (string | undefined)[];
}

/** Names of referenced documents, from what is on the device (undefined when it is not). */
export interface Lookup {
  candidateName(id: string | undefined): string | undefined;
  assessmentTitle(id: string | undefined): string | undefined;
  requisitionTitle(id: string | undefined): string | undefined;
  questionSetName(id: string | undefined): string | undefined;
}

export interface SearchSource<K extends SearchKind> {
  kind: K;
  /** What a result is, as a badge: "Candidate". */
  label: string;
  /** Kinds whose names this one's text shows: a change to them re-describes it. */
  uses: readonly Kind[];
  describe(doc: Doc<K>, lookup: Lookup, role: UserRole): Described;
  opens: Partial<Record<UserRole, Destination>>;
}

const line = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' · ');

const candidate: SearchSource<'candidate'> = {
  kind: 'candidate',
  label: 'Candidate',
  uses: [],
  describe: (c) => ({
    title: c.full_name,
    detail: line(c.current_role, c.location, c.email),
    keywords: [c.email, c.current_role, c.location, c.education, ...c.skills],
  }),
  opens: { recruiter: { screen: paths.applications }, interviewer: { screen: paths.myInterviews } },
};

const requisition: SearchSource<'job_requisition'> = {
  kind: 'job_requisition',
  label: 'Requisition',
  uses: [],
  describe: (r) => ({
    title: r.title,
    detail: line(r.department, r.location, humanize(r.status)),
    keywords: [r.department, r.location, ...Object.keys(r.required_skills)],
  }),
  opens: { recruiter: { screen: paths.requisitions } },
};

const application: SearchSource<'assessment_application'> = {
  kind: 'assessment_application',
  label: 'Application',
  uses: ['candidate', 'assessment'],
  describe: (a, lookup, role) => {
    const assessment = lookup.assessmentTitle(a.assessment_id);
    const applied = a.role_applied_for;
    // A candidate's own applications all carry their name: they tell them apart by the assessment.
    if (role === 'candidate') {
      return {
        title: assessment ?? applied ?? 'Application',
        detail: line(applied, humanize(a.status)),
        keywords: [applied],
      };
    }
    return {
      title: lookup.candidateName(a.candidate_id) ?? 'Unknown candidate',
      detail: line(applied ?? assessment, humanize(a.status), `applied ${formatDate(a.applied_at)}`),
      keywords: [assessment, applied, ...a.submitted_skills],
    };
  },
  opens: { recruiter: { screen: paths.applications }, candidate: { screen: paths.myAssessments } },
};

const interview: SearchSource<'interview_session'> = {
  kind: 'interview_session',
  label: 'Interview',
  uses: ['candidate', 'job_requisition'],
  describe: (i, lookup) => {
    const requisitionTitle = lookup.requisitionTitle(i.requisition_id);
    return {
      title: lookup.candidateName(i.candidate_id) ?? 'Unknown candidate',
      detail: line(`${humanize(i.interview_type)} interview`, formatDate(i.scheduled_at), requisitionTitle),
      keywords: [requisitionTitle, i.interview_mode, humanize(i.status)],
    };
  },
  opens: { recruiter: { screen: paths.interviews }, interviewer: { screen: paths.myInterviews } },
};

const user: SearchSource<'user'> = {
  kind: 'user',
  label: 'User',
  uses: [],
  describe: (u) => ({ title: u.full_name, detail: line(u.email, roleLabels[u.role]), keywords: [u.email] }),
  opens: { admin: { screen: paths.users }, super_admin: { screen: paths.users } },
};

/** Question stems run to 5,000 characters; a result shows the start. */
const QUESTION_TITLE_CHARS = 140;

const question: SearchSource<'question'> = {
  kind: 'question',
  label: 'Question',
  uses: ['question_set'],
  describe: (q, lookup) => ({
    title:
      q.question_text.length > QUESTION_TITLE_CHARS
        ? `${q.question_text.slice(0, QUESTION_TITLE_CHARS - 1).trimEnd()}…`
        : q.question_text,
    detail: line(lookup.questionSetName(q.question_set_id), q.topic, humanize(q.difficulty)),
    // The whole stem and the options' text; never which option is correct.
    keywords: [q.question_text, q.topic, ...q.options.map((o) => o.text)],
  }),
  // Staff who build assessments; proctors see questions in the session they review, candidates never search them.
  opens: {
    recruiter: { preview: 'question' },
    admin: { preview: 'question' },
    super_admin: { preview: 'question' },
  },
};

export const searchSources = {
  candidate,
  job_requisition: requisition,
  assessment_application: application,
  interview_session: interview,
  user,
  question,
} as const satisfies { [K in SearchKind]: SearchSource<K> };

export const searchKinds = Object.keys(searchSources) as SearchKind[];

/** The id field's value: the one each entity declares. */
export function idOf(kind: Kind, doc: Record<string, unknown>): string {
  return String(doc[entities[kind].idField]);
}

/** The kinds a role searches: on its device, and with somewhere to open them. */
export function searchKindsFor(role: UserRole): SearchKind[] {
  const open: readonly string[] = collectionsByRole[role];
  return searchKinds.filter((kind) => searchSources[kind].opens[role] && open.includes(collectionFor(kind)!));
}

/** Every kind a role's index reads: those it searches and those their text names, when on the device. */
export function kindsReadFor(role: UserRole): Kind[] {
  const open: readonly string[] = collectionsByRole[role];
  const searched = searchKindsFor(role);
  const used = searched.flatMap((kind) => searchSources[kind].uses).filter((k) => open.includes(collectionFor(k)!));
  return [...new Set<Kind>([...searched, ...used])];
}

export function destinationOf(kind: SearchKind, role: UserRole): Destination | undefined {
  return searchSources[kind].opens[role];
}
