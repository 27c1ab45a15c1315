#!/usr/bin/python3
# test-clients.py: the first run of Rapport and the client list, end to end
#
# Copyright 2026 The Rapport developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 test-clients.py PATH/TO/rapport
#
# Runs the real application on temporary databases and drives it through the
# accessibility tree, as a screen reader user would: find a control by its
# role and accessible name, press it, type, read what the window shows.
# Needs a display and a D-Bus session (the Makefile runs it under
# xvfb-run and dbus-run-session); prints TAP.

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from rapport_atspi import (App, Buses, Role, Table, Tap, TestFailure,  # noqa: E402
                           attach_diagnostics, check, children, click, fail_without_display,
                           is_sensitive, name_of, role_of, states, wait_for, walk)
from gi.repository import Atspi  # noqa: E402

# Accessible names the GUI gives (English, LANGUAGE=en)
CREATE_SAMPLE = 'Create a sample database'
START_EMPTY = 'Start with an empty database'
WELCOME_TITLE = 'Welcome to Rapport'
PROGRESS_TITLE = 'Creating a Sample Database'
PROGRESS_BAR = 'Progress'
CANCEL = 'Cancel'
SEARCH = 'Search clients'
CLIENTS_TABLE = 'Clients'
SECTIONS = 'Sections'
MAIN_MENU = 'Main Menu'
EMPTY_TITLE = 'No clients yet'
NO_MATCHES_TITLE = 'No matches'
NAME_COLUMN = 'Name'
DEFAULT_SAMPLE_SIZE = 2000
ROWS_READ = 60
MAX_LISTED_MATCHES = 150  # a search with more is made narrower

COUNT_RE = re.compile(r'^(\d[\d,.\u00a0\u202f ]*) (client|clients|match|matches)$')
MORE_RE = re.compile(r'^More than (\d[\d,.\u00a0\u202f ]*) matches')

APP_TIMEOUT = 30      # start to a window in the registry
SAMPLE_TIMEOUT = 60   # the default sample database, written in one transaction
STEP_TIMEOUT = 15     # one click or one search to its result


def count_label(app):
    """The label next to the search entry that counts the clients or matches."""
    entry = app.find(Role.ENTRY, SEARCH)
    labels = [node for node in children(entry.get_parent()) if role_of(node) == Role.LABEL]
    check(len(labels) == 1, 'expected one label next to %r, found %d' % (SEARCH, len(labels)))
    return labels[0]


def read_count(app):
    """What the count label says: (number, "clients" or "matches"), (limit,
    "more") for more matches than a search lists, or None when it is blank or
    says something else."""
    text = name_of(count_label(app))
    match = MORE_RE.match(text)
    if match is not None:
        return int(re.sub(r'\D', '', match.group(1))), 'more'
    match = COUNT_RE.match(text)
    if match is None:
        return None
    kind = 'clients' if match.group(2).startswith('client') else 'matches'
    return int(re.sub(r'\D', '', match.group(1))), kind


def wait_count(app, predicate, what, timeout=STEP_TIMEOUT):
    def probe():
        count = read_count(app)
        return count if count is not None and predicate(*count) else None

    try:
        return wait_for(probe, timeout, what)
    except TestFailure as error:
        raise TestFailure('%s; the count label says %r' % (error, read_count(app))) from None


def type_text(entry, text):
    """Type @text at the end of @entry, a character at a time; return the
    whole text of the entry."""
    for letter in text:
        position = entry.get_character_count()
        check(entry.insert_text(position, letter, len(letter.encode())),
              'typing %r into %r failed' % (letter, name_of(entry)))
    typed = entry_text(entry)
    check(typed.endswith(text), 'typed %r into %r, it holds %r' % (text, name_of(entry), typed))
    return typed


def entry_text(entry):
    # GTK 4.8 answers "" to get_text (0, -1): ask for the exact length
    return entry.get_text(0, entry.get_character_count())


def clients_table(app):
    table = app.find(Role.TREE_TABLE, CLIENTS_TABLE)
    return Table(table)


def find_button(app, name, timeout=STEP_TIMEOUT):
    """The push button @name on screen, named exactly so: a screen reader
    reads the name as it is (GTK 4.8 doubles the name of a button with a
    mnemonic, "Cancel Cancel", which is why Rapport's buttons have none)."""
    return wait_for(lambda: app.showing_one(Role.PUSH_BUTTON, name), timeout,
                    'the button %r on screen' % name)


def assert_welcome_gone(app):
    check(not app.showing(Role.LABEL, WELCOME_TITLE),
          'the welcome page is still on screen (%r)' % WELCOME_TITLE)
    check(not app.showing(Role.PUSH_BUTTON, START_EMPTY),
          'the button %r is still on screen' % START_EMPTY)


def assert_clients_section(app):
    """The main view: the sidebar with "Clients" selected, the menu, the search."""
    sections = app.find(Role.LIST, SECTIONS)
    items = [item for item in children(sections) if role_of(item) == Role.LIST_ITEM]
    names = [name_of(item) for item in items]
    check(CLIENTS_TABLE in names, 'the sidebar %r has no item "Clients" (items: %s)' % (SECTIONS, names))
    clients_item = items[names.index(CLIENTS_TABLE)]
    check(Atspi.StateType.SELECTED in states(clients_item),
          'the sidebar item "Clients" is not selected')
    app.wait_showing(Role.PUSH_BUTTON, MAIN_MENU, timeout=STEP_TIMEOUT)
    entry = app.find(Role.ENTRY, SEARCH)
    check(is_sensitive(entry), 'the entry %r is not sensitive' % SEARCH)
    return entry


def assert_still_fine(app):
    """The application still runs and printed no CRITICAL: each one is a bug."""
    app.assert_alive()
    criticals = app.critical_lines()
    check(not criticals, 'the application printed criticals:\n%s' % '\n'.join(criticals))


def test_sample_database(exe, workdir):
    """Create a sample database, read the list, search it, clear the search."""
    with App(exe, os.path.join(workdir, 'sample.db'), workdir) as app:
        try:
            app.start(APP_TIMEOUT)
            app.wait_showing(Role.LABEL, WELCOME_TITLE, timeout=APP_TIMEOUT)
            app.wait_showing(Role.PUSH_BUTTON, START_EMPTY)
            click(app.wait_showing(Role.PUSH_BUTTON, CREATE_SAMPLE))

            total, _ = wait_count(app, lambda n, kind: kind == 'clients' and n > 0,
                                     'a non-empty client list', timeout=SAMPLE_TIMEOUT)
            check(total == DEFAULT_SAMPLE_SIZE, 'the sample database has %d clients, expected %d'
                  % (total, DEFAULT_SAMPLE_SIZE))
            assert_welcome_gone(app)
            entry = assert_clients_section(app)

            table = clients_table(app)
            titles = table.column_titles()
            check(NAME_COLUMN in titles, 'no column %r (columns: %s)' % (NAME_COLUMN, titles))
            n_rows = table.n_rows()
            check(0 < n_rows <= total, 'the table made %d rows for %d clients' % (n_rows, total))
            # The rows of the first screens (reading each cell is a round trip)
            names = wait_for(lambda: table.column(NAME_COLUMN, limit=ROWS_READ), STEP_TIMEOUT,
                             'client names in the table')
            check(all(names), 'rows without a client name among the first %d: %s' % (len(names), names))
            first_row = table.row_texts(table.rows()[0])
            check(all(first_row), 'the first row has empty cells: %s' % first_row)
            Tap.diag('%d clients, %d rows made; columns %s; first row %s'
                     % (total, n_rows, titles, first_row))

            # Search as you type, letter by letter: the first word of the first
            # client, and more of its name while that matches too many to list
            first_name = names[0]
            words = re.findall(r'\w+', first_name)
            check(words, 'the first client name %r has no word to search for' % first_name)
            query = ''
            for word in words:
                query = type_text(entry, (' ' if query else '') + word)
                # the entry searches 150 ms after the last letter: until then
                # the label still counts the matches of the previous word
                time.sleep(0.6)
                count = wait_count(app, lambda n, kind: kind in ('matches', 'more'),
                                   'the matches of %r' % query)
                if count[1] == 'matches' and count[0] <= MAX_LISTED_MATCHES:
                    break
            matches, kind = count
            check(kind == 'matches' and 0 < matches < total,
                  'searching %r found %r of %d clients' % (query, count, total))
            # Few enough matches for the view to make a row for each
            rows = wait_for(lambda: table.n_rows() == matches and table.rows(), STEP_TIMEOUT,
                            'a row for each of the %d matches of %r' % (matches, query))
            found = table.column(NAME_COLUMN, rows)
            check(all(found), 'matches without a name: %s' % found)
            check(first_name in found, '%r is not among the matches of %r' % (first_name, query))
            # Clients whose name has the words searched for are matches
            pattern = r'(?i)' + r'\W+'.join(r'\b' + re.escape(word) for word in query.split())
            named = [name for name in names if re.search(pattern, name)]
            missing = [name for name in named if name not in found]
            check(not missing, 'clients named %r are missing from the matches: %s' % (query, missing))
            Tap.diag('search %r: %d matches, %d of the first %d rows named so; first matches %s'
                     % (query, matches, len(named), len(names), found[:5]))

            # A search that matches nothing
            check(entry.set_text_contents('qzxwvj'), 'typing into %r failed' % SEARCH)
            app.wait_showing(Role.LABEL, NO_MATCHES_TITLE)
            wait_for(lambda: table.n_rows() == 0, STEP_TIMEOUT, 'the table to have no rows')
            count = read_count(app)
            check(count is None or count == (0, 'matches'),
                  'the count label says %r when nothing matches' % (count,))

            # Clearing the search brings every client back
            check(entry.set_text_contents(''), 'clearing %r failed' % SEARCH)
            wait_count(app, lambda n, kind: kind == 'clients' and n == total,
                       'all %d clients after clearing the search' % total)
            wait_for(lambda: table.n_rows() == n_rows and table.column(NAME_COLUMN, limit=1) == [first_name],
                     STEP_TIMEOUT, 'the first client %r back at the top' % first_name)
            check(not app.showing(Role.LABEL, NO_MATCHES_TITLE), '%r is still on screen' % NO_MATCHES_TITLE)

            assert_still_fine(app)
        except Exception as error:
            attach_diagnostics(error, app)
            raise


def assert_empty_clients(app):
    app.wait_showing(Role.LABEL, EMPTY_TITLE)
    # The empty page says it all: the count label is blank or says 0
    count = read_count(app)
    check(count is None or count == (0, 'clients'),
          'the count label says %r on an empty database' % (count,))
    assert_welcome_gone(app)
    assert_clients_section(app)
    table = clients_table(app)
    check(table.n_rows() == 0, 'an empty database shows %d rows' % table.n_rows())


def test_empty_database(exe, workdir):
    """Start with an empty database: the empty client list, then the same on the next start."""
    with App(exe, os.path.join(workdir, 'empty.db'), workdir) as app:
        try:
            app.start(APP_TIMEOUT)
            app.wait_showing(Role.LABEL, WELCOME_TITLE, timeout=APP_TIMEOUT)
            click(app.wait_showing(Role.PUSH_BUTTON, START_EMPTY))
            assert_empty_clients(app)

            # The choice is remembered: no welcome page on the next start
            app.restart(APP_TIMEOUT)
            assert_empty_clients(app)
            assert_still_fine(app)
        except Exception as error:
            attach_diagnostics(error, app)
            raise


def test_cancel_sample(exe, workdir):
    """Cancel the sample database: back to the welcome page, nothing written."""
    # A sample far too big to finish before the cancel arrives
    env = {'RAPPORT_DEMO_COMPANIES': '500000'}
    with App(exe, os.path.join(workdir, 'cancel.db'), workdir, extra_env=env) as app:
        try:
            app.start(APP_TIMEOUT)
            click(app.wait_showing(Role.PUSH_BUTTON, CREATE_SAMPLE, timeout=APP_TIMEOUT))
            app.wait_showing(Role.LABEL, PROGRESS_TITLE)
            progress = app.find(Role.PROGRESS_BAR, PROGRESS_BAR)
            wait_for(lambda: progress.get_current_value() > 0, STEP_TIMEOUT, 'the progress bar to move')
            check(progress.get_current_value() < progress.get_maximum_value(),
                  'the sample was finished before it could be cancelled')
            cancel = find_button(app, CANCEL)
            check(is_sensitive(cancel), 'the button %r is not sensitive' % CANCEL)
            click(cancel)

            app.wait_showing(Role.LABEL, WELCOME_TITLE)
            app.wait_showing(Role.PUSH_BUTTON, CREATE_SAMPLE)
            check(not app.showing(Role.LABEL, PROGRESS_TITLE), 'the progress page is still on screen')

            # Nothing was written: the database is still empty
            click(app.wait_showing(Role.PUSH_BUTTON, START_EMPTY))
            assert_empty_clients(app)
            assert_still_fine(app)
        except Exception as error:
            attach_diagnostics(error, app)
            raise


# Keys as X keysyms, for Atspi.generate_keyboard_event
KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_DOWN = 0xff54
CONTROL_MASK = 1 << 2


def press(keysym, control=False):
    """One key, with Ctrl held when @control, typed into the focused window."""
    if control:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    finally:
        if control:
            Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def type_keys(text):
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)


def point_at_windows():
    """Without a window manager the keyboard follows the pointer, and every
    window opens at the top left corner (GTK 4 cannot tell AT-SPI where on
    the screen a window is): the pointer goes where the main window and the
    small windows over it all are."""
    Atspi.generate_mouse_event(200, 150, 'abs')


def top_level(app, name):
    """A window of the application other than the main one, by its title."""
    # (GTK 4.8 gives an AdwWindow the role "filler")
    for child in children(app.accessible):
        if name_of(child) == name:
            return child
    return None


# Walks that leave out the big lists (the client table, the control view's
# and the timeline's rows) stay fast however much data the window shows
NO_LISTS = frozenset({Role.TABLE, Role.TREE_TABLE, Role.TABLE_ROW, Role.LIST})


def first_in(root, role, name, prune=NO_LISTS):
    if root is None:
        return None
    for node, node_role in walk(root, prune):
        if node_role == role and name_of(node) == name:
            return node
    return None


def main_frame(app):
    """The main window, asked for again: the handle found at the start can
    answer with no children for a while after another window closed."""
    for child in children(app.accessible):
        if role_of(child) == Role.FRAME:
            return child
    return None


LOG_CALL_TITLE = 'Log: Call'
LOGGED_TEXT = 'Agreed on the delivery date, order 4711'


def test_log_call(exe, workdir):
    """Keyboard first: open a card, Ctrl+L, the text, Tab, R for "Reached",
    Ctrl+Enter; the timeline shows the call with its outcome first."""
    database = os.path.join(workdir, 'log.db')
    cli = os.path.join(os.path.dirname(exe), '..', 'cli', 'rapport-cli')
    subprocess.run([cli, 'demo', '--database', database, '--companies', '30', '--history', '300',
                    '--locale', 'en'], check=True, stdout=subprocess.DEVNULL, env=App(exe, database, workdir).environment())
    with App(exe, database, workdir) as app:
        try:
            started = time.monotonic()
            app.start(APP_TIMEOUT)
            table = clients_table(app)
            wait_for(lambda: table.n_rows() > 0, STEP_TIMEOUT, 'the clients in the list')
            Tap.diag('list %.1f s' % (time.monotonic() - started))
            point_at_windows()
            # the list has the keyboard focus from the start: Down selects the
            # first client, Enter opens its card
            press(KEY_DOWN)
            press(KEY_RETURN)
            wait_for(lambda: first_in(main_frame(app), Role.PUSH_BUTTON, 'Timeline'), STEP_TIMEOUT,
                     'the client card')

            Tap.diag('card %.1f s' % (time.monotonic() - started))
            press(ord('l'), control=True)
            dialog = wait_for(lambda: top_level(app, LOG_CALL_TITLE), STEP_TIMEOUT,
                              'the window %r' % LOG_CALL_TITLE)
            type_keys(LOGGED_TEXT)
            press(KEY_TAB)
            press(ord('r'))
            press(KEY_RETURN, control=True)

            Tap.diag('logged %.1f s' % (time.monotonic() - started))
            # Not a question to AT-SPI until the window is gone and the
            # timeline reloaded: GTK 4.8 answers one about a window or list
            # rows being destroyed with a CRITICAL (a NULL object path), and
            # its tree of the main window stays broken after that
            time.sleep(2.0)
            check(top_level(app, LOG_CALL_TITLE) is None, 'the window %r is still open' % LOG_CALL_TITLE)

            # what the keys wrote, read from the database
            with sqlite3.connect('file:%s?mode=ro' % database, uri=True) as db:
                logged = db.execute('SELECT kind, direction, outcome, duration FROM history '
                                    'WHERE subject = ? OR body = ?', (LOGGED_TEXT, LOGGED_TEXT)).fetchall()
            check(logged == [('call', 2, 'Reached', 0)],
                  'the database holds %r for the call typed in' % logged)
            # the new entry, and its outcome beside its text (GTK 4 cannot
            # place rows of a list on the screen for AT-SPI: found in the tree)
            timeline = wait_for(lambda: first_in(main_frame(app), Role.LIST, 'Timeline'), STEP_TIMEOUT,
                                'the timeline of the card')
            text = wait_for(lambda: first_in(timeline, Role.LABEL, LOGGED_TEXT, prune=frozenset()),
                            STEP_TIMEOUT, 'the new entry in the timeline')
            row = text.get_parent()
            names = [name_of(node) for node, role in walk(row)]
            check('Outcome: Reached' in names,
                  'the entry %r shows no outcome "Reached" (its labels: %s)' % (LOGGED_TEXT, names))
            check(any(name.startswith('Call (outgoing)') for name in names),
                  'the entry %r is not an outgoing call (its labels: %s)' % (LOGGED_TEXT, names))
            Tap.diag('found %.1f s' % (time.monotonic() - started))
            assert_still_fine(app)
        except Exception as error:
            attach_diagnostics(error, app)
            raise


TESTS = [
    ('sample database: create, list, search, clear', test_sample_database),
    ('empty database: empty client list, no welcome page on the next start', test_empty_database),
    ('sample database: cancel leaves the database empty', test_cancel_sample),
    ('timeline: a call with its outcome logged from the keyboard', test_log_call),
]


class SuiteAbort(BaseException):
    """Stops the whole suite (not caught by the tests): the applications are
    still killed on the way out."""


def on_alarm(signum, frame):
    raise SuiteAbort('out of time' if signum == signal.SIGALRM else 'terminated')


def main(argv):
    if len(argv) != 2:
        print('Usage: %s PATH/TO/rapport' % argv[0], file=sys.stderr)
        return 2
    exe = os.path.abspath(argv[1])
    if not os.access(exe, os.X_OK):
        print('Bail out! %s is not an executable' % exe, flush=True)
        return 1
    schema_dir = os.environ.get('GSETTINGS_SCHEMA_DIR', '')
    if not os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
        print('Bail out! no gschemas.compiled in GSETTINGS_SCHEMA_DIR=%r' % schema_dir, flush=True)
        return 1
    fail_without_display()

    # Whatever hangs, the applications are killed before meson's timeout
    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_alarm)
    signal.alarm(100)

    workdir = tempfile.mkdtemp(prefix='rapport-e2e-')

    def in_own_dir(function):
        def run(exe):
            function(exe, tempfile.mkdtemp(prefix=function.__name__ + '-', dir=workdir))
        return run

    try:
        with Buses() as buses:
            for note in buses.notes:
                Tap.diag(note)
            return Tap([(description, in_own_dir(function)) for description, function in TESTS]).run(exe)
    except SuiteAbort as error:
        print('Bail out! %s' % error, flush=True)
        return 1
    finally:
        signal.alarm(0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
