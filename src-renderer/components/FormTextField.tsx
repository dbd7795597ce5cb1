import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

/*
 * A labelled text field bound to react-hook-form. React Aria wires the label,
 * description and error message to the input (aria-labelledby,
 * aria-describedby, aria-invalid); validation stays with the form's zod schema.
 */
interface FormTextFieldProps<T extends FieldValues> {
  control: Control<T>;
  name: Path<T>;
  label: string;
  description?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  autoFocus?: boolean;
}

export function FormTextField<T extends FieldValues>(props: FormTextFieldProps<T>) {
  const { control, name, label, description, type = 'text', autoComplete, isRequired, isDisabled, autoFocus } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          className="field"
          name={field.name}
          value={(field.value as string | undefined) ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          type={type}
          autoComplete={autoComplete}
          isRequired={isRequired}
          isDisabled={isDisabled}
          isInvalid={fieldState.invalid}
          validationBehavior="aria"
          autoFocus={autoFocus}
        >
          <Label>{label}</Label>
          <Input ref={field.ref} />
          {description && <Text slot="description">{description}</Text>}
          <FieldError>{fieldState.error?.message}</FieldError>
        </TextField>
      )}
    />
  );
}
