/** A field's error, beside the field, announced and tied to the control by id (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-xs text-red-700" data-testid="field-error">
      {message}
    </p>
  );
}
