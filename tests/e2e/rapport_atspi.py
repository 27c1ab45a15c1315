# rapport_atspi.py: drive the real rapport binary through the accessibility tree
#
# Copyright 2026 The Rapport developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers for the end-to-end tests: the D-Bus and AT-SPI buses, starting and
killing the application, finding widgets by role and accessible name, and
reading the client table.  Only the AT-SPI interfaces a screen reader uses are
touched: nothing here knows about widgets or the database."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, Gio, GLib  # noqa: E402

APP_NAME = 'rapport'
A11Y_BUS_LAUNCHER = '/usr/libexec/at-spi-bus-launcher'
POLL_INTERVAL = 0.05

Role = Atspi.Role


class TestFailure(AssertionError):
    """A check failed: the message says what was expected and what was seen."""


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def _pump():
    """Dispatch pending AT-SPI events without blocking."""
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def wait_for(predicate, timeout, what):
    """Poll @predicate until it returns a true value and return that value.

    A D-Bus error while polling (an object that went away while the tree
    changes) counts as "not yet".  On timeout a TestFailure names @what and the
    last error seen."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        _pump()
        try:
            value = predicate()
            if value:
                return value
        except GLib.Error as error:
            last_error = error
        if time.monotonic() >= deadline:
            detail = ' (last error: %s)' % last_error.message if last_error else ''
            raise TestFailure('timed out after %g s waiting for %s%s' % (timeout, what, detail))
        time.sleep(POLL_INTERVAL)


# Buses

class Buses:
    """The session bus and the accessibility bus the test and the application
    share.  Whatever this class starts it also stops."""

    def __init__(self):
        self._processes = []
        self.notes = []

    def __enter__(self):
        try:
            self._ensure_session_bus()
            address = self._ensure_a11y_bus()
        except BaseException:
            self.close()
            raise
        # Both libatspi (this process) and GTK (the application) take the
        # address from the environment before anything else: no chance that
        # the two end up on different buses.
        os.environ['AT_SPI_BUS_ADDRESS'] = address
        Atspi.init()
        # GTK answers slowly while it fills a list: the default 800 ms for a
        # method call is too short on a loaded machine.
        Atspi.set_timeout(10000, 30000)
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        for process in reversed(self._processes):
            stop_process(process)
        self._processes = []

    def _spawn(self, argv, **kwargs):
        process = subprocess.Popen(argv, start_new_session=True, **kwargs)
        self._processes.append(process)
        return process

    def _ensure_session_bus(self):
        if os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
            return
        # Not started under dbus-run-session: a private session bus.
        daemon = shutil.which('dbus-daemon')
        check(daemon is not None, 'no D-Bus session bus and no dbus-daemon to start one')
        process = self._spawn([daemon, '--session', '--nofork', '--print-address=1'],
                              stdout=subprocess.PIPE, text=True)
        address = process.stdout.readline().strip()
        check(address != '', 'dbus-daemon --session printed no address')
        os.environ['DBUS_SESSION_BUS_ADDRESS'] = address
        self.notes.append('started a private D-Bus session bus')

    @staticmethod
    def _get_a11y_address(timeout_ms):
        connection = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        reply = connection.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus',
                                     'GetAddress', None, GLib.VariantType.new('(s)'),
                                     Gio.DBusCallFlags.NONE, timeout_ms, None)
        return reply.unpack()[0]

    def _ensure_a11y_bus(self):
        # Normally D-Bus activates at-spi-bus-launcher on the first call.
        try:
            address = self._get_a11y_address(15000)
            if address:
                return address
        except GLib.Error as error:
            self.notes.append('org.a11y.Bus was not activated (%s): starting %s'
                              % (error.message, A11Y_BUS_LAUNCHER))
        check(os.access(A11Y_BUS_LAUNCHER, os.X_OK),
              '%s is missing: install at-spi2-core' % A11Y_BUS_LAUNCHER)
        self._spawn([A11Y_BUS_LAUNCHER], stdout=subprocess.DEVNULL)

        def get_address():
            try:
                return self._get_a11y_address(1000)
            except GLib.Error:
                return None

        return wait_for(get_address, 15, 'the accessibility bus (org.a11y.Bus)')


def stop_process(process, grace=5):
    """SIGTERM, then SIGKILL after @grace seconds, to the process group of a
    process started with start_new_session=True."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            pass


# The accessible tree

def children(obj):
    """The children of @obj; one that vanished while we look is left out."""
    result = []
    try:
        count = obj.get_child_count()
    except GLib.Error:
        return result
    for i in range(count):
        try:
            child = obj.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            result.append(child)
    return result


# Subtrees not looked into unless asked for: a table holds hundreds of rows
# of cells, and every step down the tree is a D-Bus round trip.
DEFAULT_PRUNE = frozenset({Role.TABLE, Role.TREE_TABLE, Role.TABLE_ROW})


def walk(obj, prune=DEFAULT_PRUNE):
    """(accessible, role) of the descendants of @obj, depth-first in the
    order of the tree; the children of a role in @prune are left out."""
    stack = list(reversed(children(obj)))
    while stack:
        node = stack.pop()
        role = role_of(node)
        if role is None:
            continue  # gone meanwhile
        yield node, role
        if role not in prune:
            stack.extend(reversed(children(node)))


def descendants(obj, prune=DEFAULT_PRUNE):
    for node, _ in walk(obj, prune):
        yield node


def name_of(obj):
    try:
        return obj.get_name() or ''
    except GLib.Error:
        return ''


def role_of(obj):
    try:
        return obj.get_role()
    except GLib.Error:
        return None


def describe(obj):
    if obj is None:
        return 'nothing'
    return '%s %r' % (obj.get_role_name(), name_of(obj))


def find_all(root, role, name=None, match=None, prune=DEFAULT_PRUNE):
    """Descendants of @root with @role whose accessible name is @name or, when
    @match is given, for which match(name) is true."""
    found = []
    for node, node_role in walk(root, prune=prune - {role}):
        if node_role != role:
            continue
        node_name = name_of(node)
        if name is not None and node_name != name:
            continue
        if match is not None and not match(node_name):
            continue
        found.append(node)
    return found


def states(obj):
    return set(obj.get_state_set().get_states())


def is_sensitive(obj):
    return Atspi.StateType.SENSITIVE in states(obj)


def extents(obj):
    rect = obj.get_extents(Atspi.CoordType.WINDOW)
    return rect.x, rect.y, rect.width, rect.height


def is_ancestor_or_self(ancestor, obj):
    while obj is not None:
        if obj == ancestor:
            return True
        obj = obj.get_parent()
    return False


def is_showing(window, obj):
    """Whether @obj is on screen in @window.

    GTK 4.8 reports neither SHOWING nor fresh extents for the children of a
    hidden GtkStack page, so the question goes to the window itself: which
    accessible is at the centre of @obj, or near its corners?  The picked
    widget may be one outside the tree (the icon of an icon button): then the
    other points are tried.  This works for labels and buttons; an entry or a
    progress bar picks an internal widget at every point and always answers
    False."""
    try:
        x, y, width, height = extents(obj)
        if width <= 0 or height <= 0:
            return False
        inset = min(3, width // 2, height // 2)
        points = [(x + width // 2, y + height // 2),
                  (x + inset, y + inset), (x + width - 1 - inset, y + inset),
                  (x + inset, y + height - 1 - inset), (x + width - 1 - inset, y + height - 1 - inset)]
        for px, py in points:
            picked = window.get_accessible_at_point(px, py, Atspi.CoordType.WINDOW)
            if picked is not None:
                if is_ancestor_or_self(obj, picked):
                    return True
        return False
    except GLib.Error:
        return False


def click(obj):
    """Run the accessible action "click" of @obj, as a screen reader does."""
    names = [obj.get_action_name(i) for i in range(obj.get_n_actions())]
    check('click' in names, '%s has no "click" action (actions: %s)' % (describe(obj), names))
    check(obj.do_action(names.index('click')), 'the "click" action of %s failed' % describe(obj))


def dump_tree(root, limit=400):
    """Lines describing the tree under @root; of a table, its parts and how
    many rows each holds."""
    lines = []

    def dump(node, depth, prune):
        if len(lines) >= limit:
            return
        role = role_of(node)
        kids = children(node)
        pruned = role in prune
        lines.append('%s%s %r%s' % ('  ' * depth, node.get_role_name(), name_of(node),
                                    ' (%d children)' % len(kids) if pruned else ''))
        if role in (Role.TABLE, Role.TREE_TABLE):
            prune = DEFAULT_PRUNE | {Role.LIST}
        elif pruned:
            return
        for kid in kids:
            dump(kid, depth + 1, prune)

    try:
        dump(root, 0, DEFAULT_PRUNE)
    except GLib.Error as error:
        lines.append('(tree changed while dumping: %s)' % error.message)
    return lines


# The client table (a GtkColumnView: a header row and a list of rows)

class Table:
    def __init__(self, table):
        self.table = table

    def _part(self, role):
        for child in children(self.table):
            if role_of(child) == role:
                return child
        raise TestFailure('table %r has no %s child' % (name_of(self.table), Atspi.Role(role).value_nick))

    @staticmethod
    def _cell_text(cell):
        """The text of the label a cell (or a column title) holds."""
        node = cell
        for _ in range(4):
            if role_of(node) == Role.LABEL:
                return name_of(node)
            if node.get_child_count() == 0:
                return None
            node = node.get_child_at_index(0)
        return None

    def column_titles(self):
        return [self._cell_text(title) for title in children(self._part(Role.TABLE_ROW))]

    def n_rows(self):
        """How many rows the view has made: all rows of a short list (what
        is on screen plus what it keeps around it), a window onto a long one."""
        return self._part(Role.LIST).get_child_count()

    def rows(self, limit=None):
        body = self._part(Role.LIST)
        count = body.get_child_count()
        return [body.get_child_at_index(i) for i in range(count if limit is None else min(limit, count))]

    def column(self, title, rows=None, limit=None):
        """The texts of the column called @title, one per row."""
        titles = self.column_titles()
        check(title in titles, 'no column %r in table %r (columns: %s)'
              % (title, name_of(self.table), titles))
        index = titles.index(title)
        texts = []
        for row in self.rows(limit) if rows is None else rows:
            texts.append(self._cell_text(row.get_child_at_index(index))
                         if index < row.get_child_count() else None)
        return texts

    def row_texts(self, row):
        return [self._cell_text(cell) for cell in children(row)]


# The application

class App:
    """One rapport process on one database, found in the AT-SPI registry."""

    def __init__(self, exe, database, workdir, extra_env=None):
        self.exe = exe
        self.database = database
        self.workdir = workdir
        self.extra_env = extra_env or {}
        self.process = None
        self.accessible = None
        self.window = None
        self.log_path = None
        self._index = None
        self._index_time = 0.0

    def environment(self):
        env = dict(os.environ)
        # GTK_A11Y=none would switch the accessibility tree off; NO_AT_BRIDGE
        # is set by the other suites (GTK 4 ignores it, GTK 3 helpers do not).
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'RAPPORT_DEMO_COMPANIES'):
            env.pop(name, None)
        env.update({
            'GSETTINGS_BACKEND': 'memory',
            'LANGUAGE': 'en',
            'LANG': 'C.UTF-8',
            'LC_ALL': 'C.UTF-8',
            # Nothing of the user's own files is read or written
            'XDG_CONFIG_HOME': os.path.join(self.workdir, 'config'),
            'XDG_DATA_HOME': os.path.join(self.workdir, 'data'),
            'XDG_CACHE_HOME': os.path.join(self.workdir, 'cache'),
            'XDG_STATE_HOME': os.path.join(self.workdir, 'state'),
        })
        env.update(self.extra_env)
        return env

    def start(self, timeout=30):
        check(self.process is None, 'the application is already running')
        runs = len([name for name in os.listdir(self.workdir) if name.startswith('rapport-')])
        self.log_path = os.path.join(self.workdir, 'rapport-%d.log' % (runs + 1))
        with open(self.log_path, 'wb') as log:
            self.process = subprocess.Popen([self.exe, '--database', self.database],
                                            env=self.environment(), cwd=self.workdir,
                                            stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.accessible = wait_for(self._lookup, timeout,
                                   'the application %r (pid %d) in the AT-SPI registry'
                                   % (APP_NAME, self.process.pid))
        self.accessible.set_cache_mask(Atspi.Cache.NONE)
        self.window = wait_for(self._lookup_window, timeout, 'the window of %r' % APP_NAME)
        return self

    def _lookup(self):
        if self.process.poll() is not None:
            raise TestFailure('%s exited with status %d before it showed a window:\n%s'
                              % (self.exe, self.process.returncode, '\n'.join(self.log_lines(10))))
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            try:
                if app.get_name() == APP_NAME and app.get_process_id() == self.process.pid:
                    return app
            except GLib.Error:
                continue
        return None

    def _lookup_window(self):
        self.assert_alive()
        for child in children(self.accessible):
            if role_of(child) == Role.FRAME:
                return child
        return None

    def assert_alive(self):
        if self.process is not None and self.process.poll() is not None:
            raise TestFailure('%s exited with status %d:\n%s'
                              % (self.exe, self.process.returncode, '\n'.join(self.log_lines(10))))

    def stop(self):
        """Kill the application (its whole process group); safe to call twice."""
        if self.process is not None:
            stop_process(self.process)
        self.process = None
        self.accessible = None
        self.window = None
        self._index = None

    def restart(self, timeout=30):
        self.stop()
        return self.start(timeout)

    def log_lines(self, limit=60):
        if self.log_path is None or not os.path.exists(self.log_path):
            return []
        with open(self.log_path, 'r', errors='replace') as log:
            return log.read().splitlines()[-limit:]

    def critical_lines(self):
        """CRITICAL messages the application printed: each one is a bug."""
        return [line for line in self.log_lines(limit=10000) if re.search(r'-CRITICAL \*\*', line)]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    # What the tests look for.  Every step down the tree is a D-Bus round
    # trip, so one walk indexes the whole window (tables left out) by role
    # and name, and the index is used until it misses: the widgets of the
    # window live as long as the window, only their names and places change.

    def _reindex(self):
        self.assert_alive()
        index = {}
        for node, role in walk(self.window):
            index.setdefault((role, name_of(node)), []).append(node)
        self._index = index
        self._index_time = time.monotonic()

    def _handles(self, role, name, max_age):
        """The accessibles with @role and @name, from an index at most
        @max_age seconds old when it has none."""
        if self._index is None:
            self._reindex()
        handles = self._index.get((role, name), [])
        if not handles and time.monotonic() - self._index_time > max_age:
            self._reindex()
            handles = self._index.get((role, name), [])
        # Names change: a label in the index may say something else by now
        return [handle for handle in handles if name_of(handle) == name]

    def showing_one(self, role, name):
        """The first @role named @name on screen now, or None."""
        self.assert_alive()
        for handle in self._handles(role, name, max_age=0.5):
            if is_showing(self.window, handle):
                return handle
        # Perhaps a widget made since the index was
        if time.monotonic() - self._index_time > 1.0:
            self._reindex()
        return None

    def wait_showing(self, role, name, timeout=15, what=None):
        """The first @role named @name on screen."""
        what = what or '%s %r on screen' % (Atspi.Role(role).value_nick, name)
        return wait_for(lambda: self.showing_one(role, name), timeout, what)

    def find(self, role, name, timeout=10):
        """The first @role named @name, on screen or not."""
        def lookup():
            handles = self._handles(role, name, max_age=0.5)
            return handles[0] if handles else None

        return wait_for(lookup, timeout, '%s %r in the tree' % (Atspi.Role(role).value_nick, name))

    def showing(self, role, name):
        """Whether a @role named @name is on screen now."""
        return any(is_showing(self.window, handle)
                   for handle in self._handles(role, name, max_age=0.0))


# TAP output

class Tap:
    def __init__(self, tests):
        self.tests = tests
        self.passed = 0
        self.failed = 0

    @staticmethod
    def diag(text):
        for line in str(text).splitlines():
            print('# ' + line, flush=True)

    def run(self, *args):
        print('TAP version 13')
        print('1..%d' % len(self.tests), flush=True)
        for number, (description, function) in enumerate(self.tests, start=1):
            started = time.monotonic()
            try:
                function(*args)
            except Exception as error:  # every failure is reported, the next test runs
                self.failed += 1
                print('not ok %d - %s' % (number, description), flush=True)
                if isinstance(error, TestFailure):
                    self.diag('FAILED: %s' % error)
                    self.diag(''.join(traceback.format_tb(error.__traceback__)[-3:]))
                else:
                    self.diag(traceback.format_exc())
                diagnose = getattr(error, 'diagnose', None)
                if diagnose:
                    self.diag('\n'.join(diagnose))
            else:
                self.passed += 1
                print('ok %d - %s # %.1f s' % (number, description, time.monotonic() - started),
                      flush=True)
        print('# %d passed, %d failed' % (self.passed, self.failed), flush=True)
        return 0 if self.failed == 0 else 1


def attach_diagnostics(error, app):
    """Keep what helps to understand a failure: the tree and the log."""
    lines = []
    try:
        if app.window is not None:
            lines.append('accessible tree of the window:')
            lines.extend('  ' + line for line in dump_tree(app.window))
    except Exception as dump_error:
        lines.append('(no tree: %s)' % dump_error)
    log = app.log_lines()
    if log:
        lines.append('output of %s:' % os.path.basename(app.exe))
        lines.extend('  ' + line for line in log)
    error.diagnose = lines


def fail_without_display():
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('Bail out! no display: run under xvfb-run '
              '(xvfb-run -a dbus-run-session -- meson test --suite e2e)', flush=True)
        sys.exit(1)
