import { type FormEvent, useState } from "react";

/**
 * Submits a form's data through `send`, showing it as pending and keeping its failure for an
 * ErrorAlert. On success the form stays pending: the page moves on (new session or navigation).
 */
export function useFormSubmit(send: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await send(form);
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };
  return { error, pending, submit };
}
