interface Choice<T extends string> {
  value: T;
  name: string;
  help: string;
}

interface Props<T extends string> {
  legend: string;
  /** The radio group's name, unique on the page. */
  group: string;
  choices: ReadonlyArray<Choice<T>>;
  value: T;
  onChange: (value: T) => void;
  disabled: boolean;
}

/** One of a few options side by side, each with a line saying what it is for (the export flow's format, form, separator). */
export function ChoiceGroup<T extends string>({ legend, group, choices, value, onChange, disabled }: Props<T>) {
  return (
    <fieldset className="fieldset" disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      <div className="choice-list choice-list--row">
        {choices.map((c) => (
          <label key={c.value} className="choice">
            <input type="radio" name={group} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
            <span className="choice__text">
              <span className="choice__name">{c.name}</span>
              <span className="muted small">{c.help}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
