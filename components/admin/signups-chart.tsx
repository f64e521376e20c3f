/** Sign-ups per day as a bar chart (CSS only), with the numbers available to screen readers as a table. */
export function SignupsChart({ data }: { data: { day: string; count: number }[] }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  const total = data.reduce((s, d) => s + d.count, 0);
  return (
    <figure className="space-y-2">
      <div className="flex h-32 items-end gap-[3px]" aria-hidden>
        {data.map((d) => (
          <div
            key={d.day}
            className="group relative flex h-full flex-1 items-end"
            title={`${d.day}: ${d.count}`}
          >
            <div
              className="w-full rounded-t-sm bg-primary/80 transition-colors group-hover:bg-primary"
              style={{
                height: `${Math.max(d.count ? 4 : 1, (d.count / max) * 100)}%`,
                opacity: d.count ? 1 : 0.25,
              }}
            />
          </div>
        ))}
      </div>
      <div className="flex justify-between text-xs text-muted-foreground" aria-hidden>
        <span>{data[0]?.day}</span>
        <span>{data.at(-1)?.day}</span>
      </div>
      <figcaption className="text-sm text-muted-foreground">
        {total} sign-ups in the last {data.length} days (UTC days)
      </figcaption>
      <table className="sr-only">
        <caption>Sign-ups per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Sign-ups</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
