// `cuti claude tui` measured in a pseudo-terminal (pty.mjs): time to the first full frame, and
// keypress-to-frame latency while moving down the list and typing in the filter.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { accountName } from './homes.mjs';
import { inWindow, sleep, tuiEnv, withPty } from './pty.mjs';

export { HAS_SCRIPT, liveChildren } from './pty.mjs';

const DOWN = '\x1b[B';
const UP = '\x1b[A';
const ESCAPE = '\x1b';

// The first full frame: the header and the first account row on one frame (the frames before
// it show the header with "0 accounts" and a loading spinner).
const firstFrame = (frame) => frame.includes('Claude credentials') && /(^|\n)[ ❯●]*bench-00000 /.test(frame);

/**
 * Starts the TUI (selection reset to the top, so bench-00000 is on screen), waits for the
 * first full frame, then hands `fn(pty, msToFirstFrame, frameArrivedAt)` the session.
 */
async function startTui(cli, home, fn) {
  // The last selection is remembered across launches: forget it so every launch starts alike.
  rmSync(join(home.cutiHome, 'tui-preferences.json'), { force: true });
  return withPty(inWindow([process.execPath, cli, 'claude', 'tui']), tuiEnv(home), async (pty) => {
    const at = await pty.waitFor(0, firstFrame, 'first full frame (header and bench-00000)');
    return fn(pty, at - pty.started, at);
  });
}

async function quit(pty) {
  pty.write('q');
  const code = await pty.exited();
  if (code !== 0) throw new Error(`cuti claude tui exited ${code} after q; last screen:\n${pty.lastScreen()}`);
}

/** Spawn to first full frame, ms, ended each time by `q` (checked to exit 0). */
function timeFirstFrame(cli, home) {
  return startTui(cli, home, async (pty, ms) => {
    await quit(pty);
    return ms;
  });
}

/** Spawn to `ready` from `node -e` through the same relay and window set-up: the floor for the above. */
function timePtyBaseline(home) {
  const argv = [process.execPath, '-e', "console.log('ready')"];
  return withPty(inWindow(argv), tuiEnv(home), async (pty) => {
    const at = await pty.waitFor(0, (text) => text.includes('ready'), '"ready"');
    const code = await pty.exited();
    if (code !== 0) throw new Error(`node -e exited ${code} in the pty`);
    return at - pty.started;
  });
}

/** Launch times, the bare-node baseline and the TUI interleaved, after one discarded warm-up of each. */
export async function measureLaunches(cli, home, launches) {
  await timePtyBaseline(home);
  await timeFirstFrame(cli, home);
  const baseline = [];
  const first = [];
  for (let i = 0; i < launches; i += 1) {
    baseline.push(await timePtyBaseline(home));
    first.push(await timeFirstFrame(cli, home));
  }
  return { baseline, first };
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Keypress-to-frame latency, one TUI session: `keys` Down presses, then `keys` characters
 * typed into the filter. Each sample runs from the write to the arrival of the end of the
 * first complete frame that shows the key's effect; the next key waits for that frame and
 * for Ink's throttle window to pass. The first keys of each kind are slower (code not yet
 * optimised by V8); they stay in, as a person's first keys are slow too.
 */
export function measureKeys(cli, home, keys) {
  const { count } = home;
  return startTui(cli, home, async (pty, _ms, shownAt) => {
    await pty.settle(shownAt);

    // (i) Down: the frame counted has the `❯` cursor on the newly selected row (the active
    // account's row carries a `●` between them). At the end of the list we turn round and
    // press Up, so a 10-account list gives as many samples as a long one.
    const down = [];
    let index = 0;
    let step = 1;
    while (down.length < keys) {
      if (count === 1) break;
      if (index + step < 0 || index + step >= count) step = -step;
      index += step;
      const selected = new RegExp(`❯[ ●]*${escapeRegExp(accountName(index))}\\b`);
      const { at, offset } = pty.write(step > 0 ? DOWN : UP);
      const frameAt = await pty.waitFor(offset, (f) => selected.test(f), `selection on ${accountName(index)}`);
      down.push(frameAt - at);
      await pty.settle(frameAt);
    }

    // (ii) Filter: `/`, then the last account's name one character at a time, then Escape
    // (clears the filter and leaves it), over again. The frame counted shows `/ <typed>` and
    // the right match count, `N/<count> match`: the filter applied, not only echoed.
    const filter = [];
    const target = accountName(count - 1);
    const names = Array.from({ length: count }, (_, i) => accountName(i));
    const filterLine = (typed) => {
      const matches = names.filter((n) => n.includes(typed)).length;
      return new RegExp(`(^|\\n) */ ${escapeRegExp(typed)}\\s+${matches}/${count} match`);
    };
    while (filter.length < keys) {
      let sent = pty.write('/');
      let frameAt = await pty.waitFor(sent.offset, (f) => filterLine('').test(f), 'the empty filter line');
      await pty.settle(frameAt);
      for (let i = 1; i <= target.length && filter.length < keys; i += 1) {
        const typed = target.slice(0, i);
        const line = filterLine(typed);
        sent = pty.write(typed.at(-1));
        frameAt = await pty.waitFor(sent.offset, (f) => line.test(f), `the filter line "/ ${typed}"`);
        filter.push(frameAt - sent.at);
        await pty.settle(frameAt);
      }
      sent = pty.write(ESCAPE);
      const cleared = (f) => f.includes('Claude credentials') && !/\d+\/\d+ match/.test(f);
      frameAt = await pty.waitFor(sent.offset, cleared, 'the list without a filter after Escape');
      await pty.settle(frameAt);
    }

    await quit(pty);
    return { down, filter };
  });
}

/**
 * The relay's own round trip: `cat` on a raw, non-echoing pty, from writing one byte to
 * reading it back. `isig` stays on so Ctrl-C ends cat at the end.
 */
export function measureRelayFloor(home, samples) {
  const command = `stty raw -echo isig && echo READY && exec cat`;
  return withPty(command, tuiEnv(home), async (pty) => {
    await pty.waitFor(0, (text) => text.includes('READY'), 'READY from the shell');
    const times = [];
    // A few extra round trips first: cat may not have started when READY arrives.
    for (let i = 0; i < samples + 3; i += 1) {
      const byte = String.fromCharCode(97 + (i % 26));
      const { at, offset } = pty.write(byte);
      const echoedAt = await pty.waitFor(offset, (text) => text.includes(byte), `the echo of "${byte}"`);
      if (i >= 3) times.push(echoedAt - at);
      await sleep(5);
    }
    pty.write('\x03');
    await pty.exited();
    return times;
  });
}
