import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarChangeDto, CalendarDto } from '../../../shared/dto/calendar';
import { localDay } from '../../../shared/rules/dates';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { errorField } from '../../errors';
import { formatDate, formatDay } from '../../format';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';

const thisYear = () => Number(localDay(new Date()).slice(0, 4));

/**
 * The office's working calendar: Belgium's public holidays of a year (admins mark those
 * the office works) and its own closure days. Deadlines falling on them move to the next
 * working day; deadlines already given are kept, and the section says which differ.
 */
export function CalendarSection() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const calendar = useStore((s) => s.calendar);
  const loadCalendar = useStore((s) => s.loadCalendar);
  const [loadError, setLoadError] = useState<unknown>(null);
  // One line of feedback for the last change (a day closed, worked or put back).
  const [notice, setNotice] = useState<string | null>(null);
  const yearId = useId();
  const year = calendar?.year ?? thisYear();

  useEffect(() => {
    loadCalendar(thisYear()).catch(setLoadError);
  }, [loadCalendar]);

  const showYear = (y: number) => {
    setNotice(null);
    setLoadError(null);
    loadCalendar(y).catch(setLoadError);
  };
  const years = Array.from(new Set([...Array.from({ length: 8 }, (_, i) => thisYear() - 2 + i), year])).sort((a, b) => a - b);

  return (
    <section className="panel panel--wide" aria-labelledby="settings-calendar" data-testid="calendar-section">
      <h2 className="panel__title" id="settings-calendar">
        {t('settings.calendar.title')}
      </h2>
      <p className="panel__intro">{t('settings.calendar.intro')}</p>
      <div className="inline-form">
        <div className="field field--inline">
          <label htmlFor={yearId} className="field__label">
            {t('settings.calendar.year')}
          </label>
          <button type="button" className="button button--quiet button--small" aria-label={t('settings.calendar.previousYear')} onClick={() => showYear(year - 1)} disabled={year <= 1900}>
            ‹
          </button>
          <select id={yearId} className="input input--number" value={year} onChange={(e) => showYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <button type="button" className="button button--quiet button--small" aria-label={t('settings.calendar.nextYear')} onClick={() => showYear(year + 1)} disabled={year >= 2999}>
            ›
          </button>
        </div>
      </div>
      <ErrorMessage error={loadError} />
      {!calendar ? (
        !loadError && <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <KeptDeadlines calendar={calendar} />
          <Holidays calendar={calendar} isAdmin={isAdmin} onDone={setNotice} />
          <Closures calendar={calendar} isAdmin={isAdmin} onDone={setNotice} />
        </>
      )}
      <Success text={notice} />
      {isAdmin && <AddClosureForm onDone={setNotice} />}
      {!isAdmin && <p className="muted">{t('settings.calendar.adminOnly')}</p>}
    </section>
  );
}

function Changed({ change }: { change: CalendarChangeDto }) {
  const { t } = useTranslation();
  const date = formatDate(change.setAt);
  return <span className="muted small">{change.setBy ? t('settings.calendar.changedBy', { name: change.setBy.name, date }) : t('settings.calendar.changedOn', { date })}</span>;
}

function Holidays({ calendar, isAdmin, onDone }: { calendar: CalendarDto; isAdmin: boolean; onDone: (text: string | null) => void }) {
  const { t } = useTranslation();
  const workHoliday = useStore((s) => s.workHoliday);
  const restore = useStore((s) => s.restoreCalendarDay);
  const work = useTask(workHoliday);
  const undo = useTask(restore);
  const pending = work.pending || undo.pending;
  return (
    <>
      <h3 className="panel__subtitle">{t('settings.calendar.holidaysTitle')}</h3>
      <div className="table-wrap">
        <table className="table" data-testid="calendar-holidays">
          <caption className="sr-only">{t('settings.calendar.holidaysCaption', { year: calendar.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.calendar.date')}</th>
              <th scope="col">{t('settings.calendar.holiday')}</th>
              <th scope="col">{t('settings.calendar.status')}</th>
              {isAdmin && (
                <th scope="col">
                  <span className="sr-only">{t('settings.staff.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {calendar.holidays.map((h) => {
              const holiday = t(`settings.calendar.holidayNames.${h.name}`);
              const date = formatDay(h.day);
              const longDate = formatDay(h.day, 'long');
              // A holiday on a weekend is closed whatever the office decides: its words take the action's cell too.
              const closedAnyway = h.weekend && !h.removed;
              return (
                <tr key={h.day} data-day={h.day}>
                  <td className="nowrap">{date}</td>
                  <td className="nowrap">{holiday}</td>
                  <td colSpan={isAdmin && closedAnyway ? 2 : undefined}>
                    {h.removed ? (
                      <>
                        <strong className="nowrap">{t('settings.calendar.works')}</strong>
                        {h.removed.note && <span> — {h.removed.note}</span>}
                        <br />
                        <Changed change={h.removed} />
                      </>
                    ) : h.weekend ? (
                      <span className="muted nowrap">{t('settings.calendar.weekend')}</span>
                    ) : (
                      <span className="nowrap">{t('settings.calendar.closed')}</span>
                    )}
                  </td>
                  {isAdmin && !closedAnyway && (
                    <td className="actions">
                      {h.removed ? (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={t('settings.calendar.restoreHolidayLabel', { holiday, date: longDate })}
                          disabled={pending}
                          onClick={() => {
                            onDone(null);
                            work.clearError();
                            void undo.run(h.day).then((ok) => ok && onDone(t('settings.calendar.restoredHoliday', { date: longDate })));
                          }}
                        >
                          {t('settings.calendar.restoreHoliday')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={t('settings.calendar.worksLabel', { holiday, date: longDate })}
                          disabled={pending}
                          onClick={() => {
                            onDone(null);
                            undo.clearError();
                            void work.run(h.day).then((ok) => ok && onDone(t('settings.calendar.worksDone', { date: longDate })));
                          }}
                        >
                          {t('settings.calendar.worksAction')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorMessage error={work.error ?? undo.error} />
    </>
  );
}

function Closures({ calendar, isAdmin, onDone }: { calendar: CalendarDto; isAdmin: boolean; onDone: (text: string | null) => void }) {
  const { t } = useTranslation();
  const restore = useStore((s) => s.restoreCalendarDay);
  const remove = useTask(restore);
  return (
    <>
      <h3 className="panel__subtitle">{t('settings.calendar.closuresTitle')}</h3>
      {calendar.closures.length === 0 ? (
        <p className="muted" data-testid="calendar-no-closures">
          {t('settings.calendar.noClosures', { year: calendar.year })}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="calendar-closures">
            <caption className="sr-only">{t('settings.calendar.closuresCaption', { year: calendar.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.calendar.date')}</th>
                <th scope="col">{t('settings.calendar.note')}</th>
                {isAdmin && (
                  <th scope="col">
                    <span className="sr-only">{t('settings.staff.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {calendar.closures.map((c) => {
                const date = formatDay(c.day);
                const longDate = formatDay(c.day, 'long');
                return (
                  <tr key={c.day} data-day={c.day}>
                    <td className="nowrap">{date}</td>
                    <td>
                      {c.note}
                      <br />
                      <Changed change={c} />
                    </td>
                    {isAdmin && (
                      <td className="actions">
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={t('settings.calendar.removeClosureLabel', { date: longDate })}
                          disabled={remove.pending}
                          onClick={() => {
                            onDone(null);
                            void remove.run(c.day).then((ok) => ok && onDone(t('settings.calendar.removed', { date: longDate })));
                          }}
                        >
                          {t('common.remove')}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={remove.error} />
    </>
  );
}

/** Deadlines computed before a change of the calendar stay as given; say where they now differ. */
function KeptDeadlines({ calendar }: { calendar: CalendarDto }) {
  const { t } = useTranslation();
  const kept = calendar.keptDeadlines;
  if (kept.length === 0) return null;
  return (
    <div className="message message--info" data-testid="calendar-kept">
      <strong>{t('settings.calendar.keptTitle')}</strong>
      <p>{t('settings.calendar.keptIntro', { count: kept.length })}</p>
      <ul>
        {kept.map((k) => (
          <li key={k.requestId}>
            {t('settings.calendar.keptLine', {
              type: t(`requests.types.${k.type}`),
              received: formatDay(k.receivedDate, false),
              due: formatDay(k.dueDate, false),
              wouldBe: formatDay(k.wouldBe, false),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AddClosureForm({ onDone }: { onDone: (text: string | null) => void }) {
  const { t } = useTranslation();
  const addClosure = useStore((s) => s.addClosure);
  const [day, setDay] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ field: 'day' | 'note'; text: string } | null>(null);
  const add = useTask(addClosure);
  const problemId = useId();
  const bad = problem?.field ?? errorField(add.error);
  // Only a message on the page can describe the fields: a dangling reference is noise to a screen reader.
  const describedBy = problem || add.error ? problemId : undefined;
  // A refusal is about what was sent: once the field changes, it no longer applies.
  const edited = (setter: (v: string) => void) => (v: string) => {
    setter(v);
    setProblem(null);
    add.clearError();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onDone(null);
    const missing = !day ? { field: 'day' as const, text: t('settings.calendar.dayMissing') } : !note.trim() ? { field: 'note' as const, text: t('settings.calendar.noteMissing') } : null;
    setProblem(missing);
    if (missing) return;
    void add.run(day, note.trim()).then((ok) => {
      if (!ok) return;
      onDone(t('settings.calendar.added', { date: formatDay(day, 'long') }));
      setDay('');
      setNote('');
    });
  };

  return (
    <form className="subform" onSubmit={onSubmit} noValidate aria-labelledby="settings-calendar-add">
      <h3 className="panel__subtitle" id="settings-calendar-add">
        {t('settings.calendar.addTitle')}
      </h3>
      <div className="form-row">
        <DateField label={t('settings.calendar.addDay')} value={day} onChange={edited(setDay)} invalid={bad === 'day'} errorId={describedBy} />
        <TextField label={t('settings.calendar.addNote')} value={note} onChange={edited(setNote)} maxLength={200} invalid={bad === 'note'} errorId={describedBy} />
      </div>
      <p className="muted small">{t('settings.calendar.addNoteHelp')}</p>
      <Problem text={problem?.text ?? null} id={problemId} />
      <ErrorMessage error={add.error} id={problem ? undefined : problemId} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={add.pending}>
          {add.pending ? t('settings.calendar.adding') : t('settings.calendar.addSubmit')}
        </button>
      </div>
    </form>
  );
}
