import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';

import type { AppState } from '../state/app-state.js';
import { useAppState } from './store-context.js';
import { wrapWithin } from './text.js';
import { useTheme } from './theme.js';

/**
 * Most lines a message may take before the screen above gives way: three on a small
 * terminal, more on a tall one (a long path wraps onto many lines at 40 columns).
 */
export function statusMaxLines(rows: number): number {
  return Math.max(3, Math.floor((rows - 6) / 3));
}

type Message = { kind: 'busy' | 'error' | 'notice' | 'ok' | 'warning'; text: string } | null;

/** What the status line says: what is running, else the last error or notice, else what Claude Code uses. */
export function statusMessage(state: Pick<AppState, 'busy' | 'error' | 'notice' | 'claudeCodeUses'>): Message {
  if (state.busy !== null) return { kind: 'busy', text: state.busy };
  if (state.error !== null) return { kind: 'error', text: `✗ ${state.error}` };
  if (state.notice !== null) return { kind: 'notice', text: state.notice };
  const uses = state.claudeCodeUses;
  if (uses) return { kind: uses.usesActive ? 'ok' : 'warning', text: `${uses.usesActive ? '✓' : '⚠'} ${uses.summary}` };
  return null;
}

/**
 * Lines the status message takes at this width (it wraps instead of being cut at the
 * edge); one that still does not fit in `maxLines` ends in `…`, so the cut shows.
 */
export function statusLines(message: Message, width: number, maxLines = 3): string[] {
  if (!message) return [' '];
  if (message.kind === 'busy') return [message.text];
  return wrapWithin(message.text, Math.max(1, width - 2), maxLines);
}

/** A spinner while busy, else the last error or notice, else what Claude Code will use. */
export function StatusLine({ width, maxLines }: { width: number; maxLines: number }) {
  const theme = useTheme();
  const busy = useAppState((s) => s.busy);
  const error = useAppState((s) => s.error);
  const notice = useAppState((s) => s.notice);
  const claudeCodeUses = useAppState((s) => s.claudeCodeUses);
  const message = statusMessage({ busy, error, notice, claudeCodeUses });
  if (message?.kind === 'busy') {
    return (
      <Box width={width} height={1} overflowY="hidden">
        <Text color={theme.accent}>
          {' '}
          <Spinner type="dots" /> {message.text}
        </Text>
      </Box>
    );
  }
  const color = { error: theme.error, notice: theme.success, ok: theme.muted, warning: theme.warning, busy: theme.accent };
  const lines = statusLines(message, width, maxLines);
  return (
    <Box width={width} height={lines.length} flexDirection="column" overflowY="hidden" flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} {...(message ? { color: color[message.kind] } : {})}>
          {` ${line}`}
        </Text>
      ))}
    </Box>
  );
}
