"use client";

import type { FieldErrors, FieldValues, UseFormRegister } from "react-hook-form";
import { EPDS, GAD7, PHQ9, type Instrument } from "@/lib/intake/instruments";

type Props = {
  register: UseFormRegister<FieldValues>;
  errors: FieldErrors;
  epdsEnabled: boolean;
  phq9Panel: React.ReactNode;
  epdsPanel: React.ReactNode;
};

function itemError(errors: FieldErrors, name: string, index: number): string | undefined {
  const list = errors[name] as unknown as (({ message?: string } | undefined)[] & { message?: string }) | undefined;
  return list?.[index]?.message ?? (index === 0 ? list?.message : undefined);
}

type InstrumentProps = { instrument: Instrument; register: Props["register"]; errors: FieldErrors; riskPanel: React.ReactNode };

function InstrumentFields({ instrument, register, errors, riskPanel }: InstrumentProps) {
  return (
    <section className="instrument" aria-labelledby={`${instrument.id}-title`}>
      <h2 id={`${instrument.id}-title`}>{instrument.shortName}</h2>
      <p className="instrument-stem">{instrument.stem}</p>
      {instrument.items.map((item, index) => {
        const name = `${instrument.id}.${index}`;
        const error = itemError(errors, instrument.id, index);
        return (
          <div key={name}>
            <fieldset className="field question" aria-describedby={error ? `${instrument.id}-${index}-error` : undefined}>
              <legend>
                <span className="question-number">{item.number}.</span> {item.text}
              </legend>
              <div className="choices choices-column">
                {item.options.map((option, value) => (
                  <label key={option} className="choice">
                    <input type="radio" value={value} {...register(name)} /> {option}
                  </label>
                ))}
              </div>
              {error && (
                <p id={`${instrument.id}-${index}-error`} className="field-error">
                  {error}
                </p>
              )}
            </fieldset>
            {item.selfHarm ? riskPanel : null}
          </div>
        );
      })}
      {instrument.unscoredFollowUp && (
        <fieldset className="field question">
          <legend>{instrument.unscoredFollowUp.text}</legend>
          <div className="choices choices-column">
            {instrument.unscoredFollowUp.options.map((option, value) => (
              <label key={option} className="choice">
                <input type="radio" value={value} {...register(`${instrument.id}Difficulty`)} /> {option}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <p className="citation small">{instrument.citation}</p>
    </section>
  );
}

/** The screening measures with their standard wording, time frames and answers. */
export function ScreeningFields({ register, errors, epdsEnabled, phq9Panel, epdsPanel }: Props) {
  return (
    <>
      <p className="hint">There are no right or wrong answers. Choose the answer closest to how you have felt.</p>
      <InstrumentFields instrument={PHQ9} register={register} errors={errors} riskPanel={phq9Panel} />
      <InstrumentFields instrument={GAD7} register={register} errors={errors} riskPanel={null} />
      {epdsEnabled && <InstrumentFields instrument={EPDS} register={register} errors={errors} riskPanel={epdsPanel} />}
    </>
  );
}
