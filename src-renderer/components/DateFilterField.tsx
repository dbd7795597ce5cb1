import { useId, useState } from 'react';
import { parseDate } from '@internationalized/date';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  Dialog,
  DialogTrigger,
  Heading,
  I18nProvider,
  Popover,
} from 'react-aria-components';
import { formatDate } from '../format/dates';

/*
 * A day to filter by, shown as the app writes dates everywhere ("30 Nov 2026")
 * rather than as the browser's locale-bound date input ("11/30/2026").
 * The button opens React Aria's calendar (arrow keys move by day, Page Up and
 * Page Down by month, Enter chooses); the clear button empties the filter.
 * British English: days before months, weeks from Monday, as in the app's dates.
 */

interface DateFilterFieldProps {
  label: string;
  /** A local calendar day, yyyy-MM-dd, or undefined for any day. */
  value: string | undefined;
  onChange: (day: string | undefined) => void;
  /** The day the calendar opens on when no day is chosen (yyyy-MM-dd); today otherwise. */
  near?: string | undefined;
}

export function DateFilterField({ label, value, onChange, near }: DateFilterFieldProps) {
  const labelId = useId();
  const buttonId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="field date-filter">
      <span id={labelId} className="date-filter-label">
        {label}
      </span>
      <div className="date-filter-controls">
        <DialogTrigger isOpen={open} onOpenChange={setOpen}>
          <Button
            id={buttonId}
            className="button button-quiet date-filter-button"
            aria-labelledby={`${labelId} ${buttonId}`}
          >
            {value ? formatDate(value) : 'Any day'}
            <span aria-hidden="true" className="date-filter-icon">
              ▾
            </span>
          </Button>
          <Popover className="popover" placement="bottom start">
            <Dialog className="dialog calendar-dialog" aria-label={`${label}: choose a day`}>
              <I18nProvider locale="en-GB">
                <Calendar
                  autoFocus
                  className="calendar"
                  value={value ? parseDate(value) : null}
                  {...(!value && near ? { defaultFocusedValue: parseDate(near) } : {})}
                  onChange={(day) => {
                    onChange(day.toString());
                    setOpen(false);
                  }}
                >
                  <header className="calendar-header">
                    <Button slot="previous" className="button button-quiet button-small">
                      <span aria-hidden="true">‹</span>
                    </Button>
                    <Heading className="calendar-heading" />
                    <Button slot="next" className="button button-quiet button-small">
                      <span aria-hidden="true">›</span>
                    </Button>
                  </header>
                  <CalendarGrid className="calendar-grid">
                    {(date) => <CalendarCell date={date} className="calendar-cell" />}
                  </CalendarGrid>
                </Calendar>
              </I18nProvider>
            </Dialog>
          </Popover>
        </DialogTrigger>
        {value && (
          <Button className="button button-quiet button-small" onPress={() => onChange(undefined)}>
            Clear<span className="visually-hidden"> {label.toLowerCase()}</span>
          </Button>
        )}
      </div>
    </div>
  );
}
