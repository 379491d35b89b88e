/** A field's error message, `${id}-error`, starting with a visually hidden "错误：". */
export default function ErrorText({
  id,
  text: words,
  prefix,
}: {
  id: string;
  text?: string;
  prefix: string;
}) {
  return words ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{prefix}</span>
      {words}
    </p>
  ) : null;
}
