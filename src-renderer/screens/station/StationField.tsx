import { useId, type InputHTMLAttributes, type Ref } from 'react';

/* A labelled input with its description and error wired for screen readers, for the station's forms. */
interface StationFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  description?: string;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function StationField({ label, description, error, inputRef, ...input }: StationFieldProps) {
  const id = useId();
  const describedBy = [description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        ref={inputRef}
        aria-invalid={error ? true : undefined}
        data-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {description && (
        <span slot="description" id={`${id}-description`}>
          {description}
        </span>
      )}
      {error && (
        <span slot="errorMessage" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
