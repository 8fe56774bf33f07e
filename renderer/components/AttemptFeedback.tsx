import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { describeError } from '../errors';
import { formatWait } from '../format';
import { useCountdown } from '../use-countdown';
import { useTask } from '../use-task';

/**
 * An unlock-style attempt (passphrase or recovery key) with the core's growing delay after
 * failures: the delay it reports is counted down live and blocks the next attempt.
 */
export function useGuardedAttempt<A extends unknown[]>(action: (...args: A) => Promise<unknown>, initialWait: number) {
  const wait = useCountdown(initialWait);
  const attempt = useTask(async (...args: A) => {
    try {
      await action(...args);
    } catch (e) {
      if (e instanceof ApiError && e.retryAfterSeconds > 0) wait.start(e.retryAfterSeconds);
      throw e;
    }
  });
  return { attempt, remaining: wait.remaining };
}

/**
 * The message is an alert (announced once); the countdown beside it is plain text, so a
 * screen reader is not interrupted every second.
 */
export function AttemptFeedback({ error, remaining, id }: { error: unknown; remaining: number; id: string }) {
  const { t } = useTranslation();
  if (!error && remaining === 0) return null;
  return (
    <div id={id} className="attempt-feedback">
      {error ? (
        <p className="message message--error" role="alert">
          {describeError(error, t)}
        </p>
      ) : (
        <p className="message message--warning">{t('errors.throttled')}</p>
      )}
      {remaining > 0 ? (
        <p className="countdown" data-testid="countdown">
          {t('unlock.countdown', { time: formatWait(t, remaining) })}
        </p>
      ) : (
        error instanceof ApiError && error.retryAfterSeconds > 0 && <p className="countdown">{t('errors.throttledOver')}</p>
      )}
    </div>
  );
}
