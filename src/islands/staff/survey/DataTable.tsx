/** A captioned table: the figures behind every chart, readable by screen readers and copyable. */
export interface Column {
  key: string;
  label: string;
}

export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: Column[];
  rows: Record<string, string | number | null>[];
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboards can scroll it (axe: scrollable-region-focusable)
    // biome-ignore lint/a11y/useSemanticElements: a named scroll box around one table, not a document section
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are replaced whole, never reordered or edited
            <tr key={i}>
              {columns.map((c, j) =>
                j === 0 ? (
                  <th scope="row" key={c.key}>
                    {r[c.key]}
                  </th>
                ) : (
                  <td key={c.key}>{r[c.key]}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
