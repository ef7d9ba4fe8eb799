"use client";

import type { FieldValues, UseFormRegister } from "react-hook-form";
import { Fieldset } from "@/components/ui/field";
import { itemFieldName } from "@/lib/intake/fields";
import { EPDS, GAD7, PHQ9, type Instrument } from "@/lib/intake/instruments";

type Props = {
  register: UseFormRegister<FieldValues>;
  errorFor: (name: string) => string | undefined;
  /** The answers as rendered (option indexes as strings, or null), written into the HTML. */
  defaults: Record<string, unknown>;
  epdsEnabled: boolean;
  /** Shown right after the risk item of the questionnaire it belongs to. */
  riskPanel: (instrument: Instrument["id"]) => React.ReactNode;
};

const chosen = (defaults: Record<string, unknown>, name: string, index?: number): string | null => {
  const value = index === undefined ? defaults[name] : (defaults[name] as unknown[] | undefined)?.[index];
  return value === null || value === undefined ? null : String(value);
};

type InstrumentProps = Omit<Props, "epdsEnabled"> & { instrument: Instrument };

function InstrumentFields({ instrument, register, errorFor, defaults, riskPanel }: InstrumentProps) {
  return (
    <section className="instrument" aria-labelledby={`${instrument.id}-title`}>
      <h2 id={`${instrument.id}-title`}>{instrument.shortName}</h2>
      <p className="instrument-stem">{instrument.stem}</p>
      {instrument.items.map((item, index) => {
        const name = itemFieldName(instrument.id, index);
        // A missing list (or one of the wrong length) is reported on the whole list: show it on the first item.
        const error = errorFor(name) ?? (index === 0 ? errorFor(instrument.id) : undefined);
        const current = chosen(defaults, instrument.id, index);
        return (
          <div key={name}>
            <Fieldset
              id={`${instrument.id}-${index}`}
              className="question"
              legend={
                <>
                  <span className="question-number">{item.number}.</span> {item.text}
                </>
              }
              error={error}
            >
              <div className="choices choices-column">
                {item.options.map((option, value) => (
                  <label key={option} className="choice">
                    <input type="radio" value={value} defaultChecked={current === String(value)} {...register(name)} /> {option}
                  </label>
                ))}
              </div>
            </Fieldset>
            {item.selfHarm ? riskPanel(instrument.id) : null}
          </div>
        );
      })}
      {instrument.unscoredFollowUp && (
        <Fieldset id={`${instrument.id}-difficulty`} className="question" legend={instrument.unscoredFollowUp.text}>
          <div className="choices choices-column">
            {instrument.unscoredFollowUp.options.map((option, value) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  value={value}
                  defaultChecked={chosen(defaults, `${instrument.id}Difficulty`) === String(value)}
                  {...register(`${instrument.id}Difficulty`)}
                />{" "}
                {option}
              </label>
            ))}
          </div>
        </Fieldset>
      )}
      <p className="citation small">{instrument.citation}</p>
    </section>
  );
}

/** The screening measures with their standard wording, time frames and answers. */
export function ScreeningFields({ epdsEnabled, ...props }: Props) {
  return (
    <>
      <p className="hint">There are no right or wrong answers. Choose the answer closest to how you have felt.</p>
      <InstrumentFields instrument={PHQ9} {...props} />
      <InstrumentFields instrument={GAD7} {...props} />
      {epdsEnabled && <InstrumentFields instrument={EPDS} {...props} />}
    </>
  );
}
