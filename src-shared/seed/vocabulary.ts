/** Word lists for demo data: plausible, varied, and obviously fictional. */
export const FIRST_NAMES = ['Amara', 'Bastien', 'Chen', 'Dalia', 'Emeka', 'Freya', 'Goran', 'Hana', 'Ibrahim', 'Jana', 'Kofi', 'Lucía', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sami', 'Tove', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoltan'];
export const LAST_NAMES = ['Okafor', 'Laurent', 'Wei', 'Haddad', 'Nwosu', 'Lindqvist', 'Petrović', 'Sato', 'Rahman', 'Novak', 'Mensah', 'García', 'Rossi', 'Karimi', 'Berg', 'Iyer', 'Dubois', 'Ferreira', 'Aziz', 'Holm', 'Reddy', 'Ivanov', 'Zhang', 'Costa', 'Kovács'];
export const SKILLS = [
  ['TypeScript', 'technical'], ['React', 'technical'], ['Node.js', 'technical'], ['PostgreSQL', 'technical'],
  ['Python', 'technical'], ['FastAPI', 'technical'], ['Kubernetes', 'tool'], ['Docker', 'tool'], ['AWS', 'tool'],
  ['System design', 'technical'], ['Communication', 'soft'], ['Stakeholder management', 'soft'],
  ['Leadership', 'soft'], ['English', 'language'], ['German', 'language'], ['Payments', 'domain'],
] as const;
export const ROLES = [
  ['Backend Engineer', 'Engineering', ['Node.js', 'PostgreSQL', 'TypeScript']],
  ['Frontend Engineer', 'Engineering', ['TypeScript', 'React']],
  ['Data Engineer', 'Data', ['Python', 'PostgreSQL', 'AWS']],
  ['Platform Engineer', 'Infrastructure', ['Kubernetes', 'Docker', 'AWS']],
  ['Engineering Manager', 'Engineering', ['Leadership', 'System design', 'Communication']],
  ['Product Designer', 'Design', ['Communication', 'Stakeholder management']],
] as const;
export const DEPARTMENTS = ['Engineering', 'Data', 'Infrastructure', 'Design', 'Product'];
export const LOCATIONS = ['Berlin', 'Lagos', 'Lisbon', 'Toronto', 'Remote (EU)', 'Bangalore', 'Stockholm'];
export const TIMEZONES = ['Europe/Berlin', 'Africa/Lagos', 'Europe/Lisbon', 'America/Toronto', 'Asia/Kolkata', 'Europe/Stockholm'];
export const TOPICS: Record<string, { q: string; options: string[]; answer: number }[]> = {
  TypeScript: [
    { q: 'Which type describes a value that may be any type but must be narrowed before use?', options: ['any', 'unknown', 'never', 'object'], answer: 1 },
    { q: 'What does the `readonly` modifier on an array type prevent?', options: ['Reading elements', 'Calling push and assigning elements', 'Iterating', 'Passing it to functions'], answer: 1 },
    { q: 'Which utility type makes every property of T optional?', options: ['Required<T>', 'Partial<T>', 'Pick<T, K>', 'Record<K, T>'], answer: 1 },
    { q: 'What is the type of `x` after `if (typeof x === "string")` in the true branch?', options: ['unknown', 'string', 'any', 'never'], answer: 1 },
  ],
  PostgreSQL: [
    { q: 'Which index type suits equality and range queries on a timestamp column?', options: ['GIN', 'B-tree', 'Hash', 'BRIN only'], answer: 1 },
    { q: 'What does `SELECT ... FOR UPDATE` do?', options: ['Updates rows', 'Locks the selected rows', 'Creates a view', 'Vacuums the table'], answer: 1 },
    { q: 'Which isolation level prevents non-repeatable reads but allows phantoms in the SQL standard?', options: ['Read uncommitted', 'Read committed', 'Repeatable read', 'Serializable'], answer: 2 },
    { q: 'What does VACUUM reclaim?', options: ['Space held by dead tuples', 'Unused indexes', 'Temporary files', 'WAL archives'], answer: 0 },
  ],
  React: [
    { q: 'When does a component re-render?', options: ['Only on mount', 'When its state or props change', 'Every second', 'Only when the parent unmounts'], answer: 1 },
    { q: 'Which hook keeps a mutable value across renders without causing a re-render?', options: ['useState', 'useRef', 'useMemo', 'useEffect'], answer: 1 },
    { q: 'What must the key prop of list items be?', options: ['An index', 'Stable and unique among siblings', 'A random number', 'Globally unique'], answer: 1 },
  ],
  Python: [
    { q: 'What does a generator function return when called?', options: ['A list', 'A generator object', 'None', 'A tuple'], answer: 1 },
    { q: 'Which structure gives O(1) average membership tests?', options: ['list', 'set', 'tuple', 'str'], answer: 1 },
    { q: 'What does `@dataclass` generate?', options: ['A metaclass', '__init__, __repr__ and __eq__', 'A database table', 'Type checks at run time'], answer: 1 },
  ],
};
