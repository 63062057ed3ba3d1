/** A form's submit button, disabled and saying `pendingLabel` while the form is being sent. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <div>
      <button type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
